import { isStorableText } from '../../core/json';
import SCHEMA from '../../schema/response.v1.json';

const { minLength, maxLength } = SCHEMA.$defs.ResponseRecord.properties.userId;

/**
 * Why the read API cannot look up or erase `userId`, or undefined when it can. The limits are the wire
 * schema's own (1 to 256 characters, counted as the schema counts them: by code point), so every id
 * the collector stored can be found and erased again. NUL and unpaired surrogates are the only
 * characters refused: PostgreSQL cannot hold them, so no stored id contains them.
 * @example userIdProblem('user\twith-tab') // undefined
 */
export function userIdProblem(userId: string): string | undefined {
  const length = [...userId].length;
  if (length < minLength || length > maxLength)
    return `userId must have ${minLength} to ${maxLength} characters, got ${length}`;
  if (!isStorableText(userId)) return 'userId must not contain NUL or an unpaired surrogate';
  return undefined;
}

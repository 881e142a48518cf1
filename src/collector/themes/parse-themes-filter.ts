import { HttpError } from '../http/http-error';
import { parseFilter } from '../http/read-filter';
import type { ThemesFilter } from './read-themes';

/** Terms per side when `limit` is not given, and the most it may ask for. */
const DEFAULT_THEME_LIMIT = 10;
const MAX_THEME_LIMIT = 50;
const VALUE_MAX_LENGTH = 200;

/**
 * Reads the parameters of `GET /api/themes`: `stage`, `from`, `to` and `segment` as every read
 * route does, `value` (with `segment`: only responses whose trait `segment` has this value) and
 * `limit` (terms per side, 1 to 50, default 10). Anything it cannot use is a 400 naming it.
 * @example parseThemesFilter(new URLSearchParams('from=2026-11-01&segment=plan&value=pro'))
 */
export function parseThemesFilter(params: URLSearchParams): ThemesFilter {
  const { stage, from, to, segment, limit } = parseFilter(params);
  const value = params.get('value') || undefined;
  if (value !== undefined && segment === undefined)
    throw new HttpError(400, 'value needs segment: the trait key it is a value of (segment=plan&value=pro)');
  if (value !== undefined && [...value].length > VALUE_MAX_LENGTH)
    throw new HttpError(400, `value must have at most ${VALUE_MAX_LENGTH} characters`);
  if (limit !== undefined && limit > MAX_THEME_LIMIT)
    throw new HttpError(
      400,
      `limit must be an integer from 1 to ${MAX_THEME_LIMIT}, got ${JSON.stringify(String(limit))}`,
    );
  return {
    stage,
    from,
    to,
    segment: value === undefined ? undefined : segment,
    value,
    limit: limit ?? DEFAULT_THEME_LIMIT,
  };
}

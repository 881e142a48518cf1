import type { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';

/** Which id a tombstone stands for: a user id, or a browser's anonymous id. */
export type IdentityKind = 'user' | 'anonymous';

/**
 * A tombstone's name for an identity: the hex HMAC-SHA256 of `<kind>:<id>` under the erasure key.
 * It matches the same id again, and without the key nobody can tell which id it was.
 * @example identityHash(key, 'user', 'user-42') // '9f0c…' (64 hex digits)
 */
export function identityHash(key: Buffer, kind: IdentityKind, id: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex');
}

import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import type { Query } from '../store/queryable';

/** The shortest `erasureSecret` accepted. */
const SHORTEST_SECRET = 16;

/** The key of erasure tombstones, loaded (or made) on first use. */
export type ErasureKey = () => Promise<Buffer>;

const READ = `select secret from nps_erasure_key`;
// Two collectors starting at once both try; the first insert wins and both read it back.
const CREATE = `insert into nps_erasure_key (secret) values ($1) on conflict do nothing`;

/**
 * Checks `erasureSecret`: unset, or a string of at least 16 characters; throws a `TypeError` naming
 * the option (never its value).
 * @example checkErasureSecret(process.env.ERASURE_SECRET)
 */
export function checkErasureSecret(secret: unknown): void {
  if (secret == null || secret === '') return;
  if (typeof secret !== 'string' || secret.length < SHORTEST_SECRET)
    throw new TypeError(`nps collector: erasureSecret must be a string of at least ${SHORTEST_SECRET} characters`);
}

/**
 * The key that erasure tombstones are hashed with: `secret` (as its UTF-8 bytes) when given, else a
 * random 32-byte secret generated once and kept in the database (table `nps_erasure_key`), so every
 * collector sharing the database, and every restart, uses the same. Read once, then remembered.
 * @example const key = erasureKey(db.query, process.env.ERASURE_SECRET); await key()
 */
export function erasureKey(query: Query, secret?: string): ErasureKey {
  if (secret) {
    const given = Buffer.from(secret, 'utf8');
    return async () => given;
  }
  let loading: Promise<Buffer> | undefined;
  const load = async () => {
    let { rows } = await query(READ);
    if (!rows.length) {
      await query(CREATE, [randomBytes(32).toString('base64')]);
      ({ rows } = await query(READ));
    }
    return Buffer.from(String(rows[0]?.secret), 'base64');
  };
  return () => {
    // A failed read is tried again on the next use.
    loading ??= load().catch((error) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

import type { Queryable } from './queryable';

/**
 * Keeps a dashboard session (by the hash of its id) until `expiresAt`, for the token with
 * `tokenFingerprint`; expired sessions are swept on the way.
 * @example await createSession(db, fingerprint(id), tokenPrint, new Date(Date.now() + ttl))
 */
export async function createSession(
  db: Queryable,
  idHash: string,
  tokenFingerprint: string,
  expiresAt: Date,
): Promise<void> {
  await db.query('delete from nps_dashboard_sessions where expires_at < now()');
  await db.query('insert into nps_dashboard_sessions (id_hash, token_fingerprint, expires_at) values ($1, $2, $3)', [
    idHash,
    tokenFingerprint,
    expiresAt.toISOString(),
  ]);
}

/**
 * Whether a session exists, belongs to that token, and has not expired at `now`.
 * @example await hasSession(db, fingerprint(id), tokenPrint, new Date()) // true
 */
export async function hasSession(db: Queryable, idHash: string, tokenFingerprint: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from nps_dashboard_sessions where id_hash = $1 and token_fingerprint = $2 and expires_at > $3',
    [idHash, tokenFingerprint, now.toISOString()],
  );
  return rows.length > 0;
}

/**
 * Revokes a session.
 * @example await deleteSession(db, fingerprint(id))
 */
export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('delete from nps_dashboard_sessions where id_hash = $1', [idHash]);
}

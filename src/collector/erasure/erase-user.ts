import type { ErasureReply } from '../../core/api-types';
import type { Database } from '../store/database';
import type { ErasureKey } from './erasure-key';
import { identityHash } from './identity-hash';

// One statement for the rows. The follow-ups and alerts are deleted by name (not only by foreign-key
// cascade) so nothing is left if a table was created without its key. An anonymous id's records
// are this user's only while nobody is signed in: another user who signed in on the same browser
// keeps theirs. The anonymous ids come back for the tombstones.
const ERASE = `with anonymous_ids as (
    select distinct anonymous_id from nps_responses where user_id = $1),
  erased as (
    select id from nps_responses
    where user_id = $1 or (user_id is null and anonymous_id in (select anonymous_id from anonymous_ids))),
  alerts as (delete from nps_alerts where response_id in (select id from erased) returning 1),
  history as (delete from nps_follow_up_history where response_id in (select id from erased) returning 1),
  follow_ups as (delete from nps_follow_ups where response_id in (select id from erased) returning 1),
  responses as (delete from nps_responses where id in (select id from erased) returning 1)
  select (select count(*) from responses)::int as deleted,
    coalesce((select json_agg(anonymous_id) from anonymous_ids), '[]'::json) as anonymous_ids`;

// A later erasure of the same identity moves its time on.
const TOMBSTONE = `insert into nps_erasures (identity_hash, erased_at)
  select hash, now() from jsonb_array_elements_text($1::jsonb) as hash
  on conflict (identity_hash) do update set erased_at = greatest(nps_erasures.erased_at, excluded.erased_at)`;

/**
 * Data-subject erasure: deletes every response of `userId` and the responses without a user id of
 * every anonymous id seen with that user (their answers from before they were identified), with the
 * follow-ups, their history and the alerts of those responses. Another user's responses from the same
 * browser stay. Alerts already delivered stay with their receivers. In the same transaction it
 * records tombstones, keyed hashes of the user id and of those anonymous ids with the time (never
 * the ids in clear), so a widget resending the erased records cannot bring them back
 * (see `refuseErased`).
 * @returns `{ deleted }`: how many responses were erased
 * @example await eraseUser(db, 'user-42', key) // { deleted: 3 }
 */
export async function eraseUser(db: Database, userId: string, key: ErasureKey): Promise<ErasureReply> {
  if (typeof userId !== 'string' || !userId) throw new TypeError('userId must be a non-empty string');
  if (userId.includes('\u0000')) throw new TypeError('userId must not contain a NUL character');
  const secret = await key();
  return db.transaction(async (query) => {
    const { rows } = await query(ERASE, [userId]);
    const anonymousIds = (rows[0]?.anonymous_ids ?? []) as string[];
    const hashes = [
      identityHash(secret, 'user', userId),
      ...anonymousIds.map((anonymousId) => identityHash(secret, 'anonymous', anonymousId)),
    ];
    await query(TOMBSTONE, [JSON.stringify(hashes)]);
    return { deleted: Number(rows[0]?.deleted ?? 0) };
  });
}

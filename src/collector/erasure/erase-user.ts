import type { ErasureReply } from '../../core/api-types';
import type { Query } from '../store/queryable';

// One statement, so erasure is all or nothing without a transaction of its own. The follow-ups and
// alerts are deleted by name (not only by foreign-key cascade) so nothing is left if a table was
// created without its key. An anonymous id's records are this user's only while nobody is signed in:
// another user who signed in on the same browser keeps theirs.
const ERASE = `with anonymous_ids as (
    select distinct anonymous_id from nps_responses where user_id = $1),
  erased as (
    select id from nps_responses
    where user_id = $1 or (user_id is null and anonymous_id in (select anonymous_id from anonymous_ids))),
  alerts as (delete from nps_alerts where response_id in (select id from erased) returning 1),
  history as (delete from nps_follow_up_history where response_id in (select id from erased) returning 1),
  follow_ups as (delete from nps_follow_ups where response_id in (select id from erased) returning 1),
  responses as (delete from nps_responses where id in (select id from erased) returning 1)
  select (select count(*) from responses)::int as deleted`;

/**
 * Data-subject erasure: deletes every response of `userId` and the responses without a user id of
 * every anonymous id seen with that user (their answers from before they were identified), with the
 * follow-ups, their history and the alerts of those responses. Another user's responses from the same
 * browser stay. Alerts already delivered stay with their receivers.
 * @returns `{ deleted }`: how many responses were erased
 * @example await eraseUser(db.query, 'user-42') // { deleted: 3 }
 */
export async function eraseUser(query: Query, userId: string): Promise<ErasureReply> {
  if (typeof userId !== 'string' || !userId) throw new TypeError('userId must be a non-empty string');
  if (userId.includes('\u0000')) throw new TypeError('userId must not contain a NUL character');
  const { rows } = await query(ERASE, [userId]);
  return { deleted: Number(rows[0]?.deleted ?? 0) };
}

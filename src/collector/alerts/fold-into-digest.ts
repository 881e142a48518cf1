import { randomUUID } from 'node:crypto';
import type { Query } from '../store/queryable';
import type { Webhook } from './webhook-options';

/** A digest goes out this long after it was opened: one digest message per minute at most. */
const DIGEST_AFTER_MS = 60_000;

// The new alerts due now, oldest first, past the first `$2` (the room left this minute): folded into
// the webhook's open digest (not attempted yet), or into a new one, due a minute from now, opened
// only when something overflows. SKIP LOCKED: an alert a comment is joining right now waits.
const FOLD = `with overflow as (
    select id from nps_alerts
    where webhook = $1 and state = 'pending' and attempts = 0 and event <> 'digest' and next_attempt_at <= now()
    order by next_attempt_at, id offset $2
    for update skip locked),
  open_digest as (
    select id from nps_alerts where webhook = $1 and event = 'digest' and state = 'pending' and attempts = 0 limit 1),
  new_digest as (
    insert into nps_alerts (id, event, webhook, next_attempt_at)
    select $3::uuid, 'digest', $1, now() + ($4::float8 * interval '1 millisecond')
    where exists (select 1 from overflow) and not exists (select 1 from open_digest)
    returning id),
  target as (select id from open_digest union all select id from new_digest)
  update nps_alerts a set state = 'digested', digest = (select id from target limit 1), next_attempt_at = null
  from overflow where a.id = overflow.id
  returning 1`;

/**
 * Flood control: marks the due new alerts of `webhook` that do not fit in the `room` left this
 * minute as `digested`, counted by the webhook's open digest. Run inside the claim's transaction.
 * @returns how many alerts were folded
 * @example await foldIntoDigest(query, webhook, 0) // 980
 */
export async function foldIntoDigest(query: Query, webhook: Webhook, room: number): Promise<number> {
  const { rows } = await query(FOLD, [webhook.key, room, randomUUID(), DIGEST_AFTER_MS]);
  return rows.length;
}

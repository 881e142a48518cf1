import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database';
import { millisecondsParam, type Query, type Row } from '../store/queryable';
import type { AlertEvent } from './alert-event';
import type { AlertRecord } from './alert-record';
import type { DigestCounts } from './digest-text';
import { foldIntoDigest } from './fold-into-digest';
import type { Webhook } from './webhook-options';

/** A pending alert about one response, claimed for one attempt. */
interface ClaimedResponseAlert {
  kind: 'response';
  id: string;
  event: AlertEvent;
  /** The webhook's key (`Webhook.key`). */
  webhook: string;
  /** Attempts so far, this one included. */
  attempts: number;
  record: AlertRecord;
}

/** A digest message claimed for one attempt: how many alerts of each event it stands for. */
interface ClaimedDigest {
  kind: 'digest';
  id: string;
  webhook: string;
  attempts: number;
  counts: DigestCounts;
}

/** Anything a pass sends: an alert about a response, or a digest. */
export type ClaimedAlert = ClaimedResponseAlert | ClaimedDigest;

/** The alerts one pass claimed for a webhook, and the token that names that claim (only its holder records their outcome). */
export interface Claim {
  token: string;
  alerts: ClaimedAlert[];
}

// Every time here is the database's now(), as is next_attempt_at when an alert is recorded:
// collectors whose own clocks disagree still agree on what is due and whose lease has run out.
// SKIP LOCKED: a row another transaction holds right now (a comment joining it) is left for later.
// The claim moves next_attempt_at past the lease, so once committed nobody else picks the alert up
// until the attempt ends (or the claimant died and the lease ran out: at least once, never lost).
// `$4` picks what is claimed: messages already counted (retries and due digests), or new ones.
const CLAIM = `update nps_alerts a set attempts = a.attempts + 1, next_attempt_at = now() + ${millisecondsParam(1)},
    claim = $2, first_attempt_at = coalesce(a.first_attempt_at, now())
  where a.id in (
    select id from nps_alerts
    where webhook = $5 and state = 'pending' and next_attempt_at <= now()
      and (attempts > 0 or event = 'digest') = $4
    order by next_attempt_at, id limit $3
    for update skip locked)
  returning a.id::text as id, a.event, a.webhook, a.attempts, a.record,
    case when a.event = 'digest' then (
      select coalesce(jsonb_object_agg(counted.event, counted.n), '{}'::jsonb)
      from (select d.event, count(*)::int as n from nps_alerts d where d.digest = a.id group by d.event) counted
    ) end as counts`;

// Messages first sent in the last minute (digests are on top of the limit, at most one a minute).
const SENT_LAST_MINUTE = `select count(*)::int as n from nps_alerts
  where webhook = $1 and event <> 'digest' and first_attempt_at > now() - interval '1 minute'`;

const claimed = (row: Row): ClaimedAlert => {
  const common = { id: String(row.id), webhook: String(row.webhook), attempts: Number(row.attempts) };
  if (row.event === 'digest') return { ...common, kind: 'digest', counts: row.counts as DigestCounts };
  return { ...common, kind: 'response', event: row.event as AlertEvent, record: row.record as AlertRecord };
};

/** Locks the claims of one webhook until the transaction ends, so collectors count its messages one at a time. */
const takeTurnPerWebhook = (query: Query, webhook: Webhook) =>
  query(`select pg_advisory_xact_lock(hashtext($1))`, [`nps_alerts ${webhook.key}`]);

/**
 * Claims up to `batchSize` due alerts of one webhook for `leaseMs`, oldest due first, within the
 * webhook's `maxPerMinute`: retries and digests that are due come first (their message is already
 * counted), then new alerts while the minute has room. Due alerts past the room left are folded
 * into the webhook's open digest (marked `digested`), which goes out a minute after it was opened.
 * One transaction, taking turns with other collectors per webhook, so the limit holds across copies.
 * @example const { token, alerts } = await claimAlerts(db, webhook, { leaseMs: 60_000, batchSize: 10 });
 */
export async function claimAlerts(
  db: Database,
  webhook: Webhook,
  { leaseMs, batchSize }: { leaseMs: number; batchSize: number },
): Promise<Claim> {
  const token = randomUUID();
  const rows = await db.transaction(async (query) => {
    await takeTurnPerWebhook(query, webhook);
    const sent = Number((await query(SENT_LAST_MINUTE, [webhook.key])).rows[0]?.n ?? 0);
    const room = Math.max(0, webhook.maxPerMinute - sent);
    await foldIntoDigest(query, webhook, room);
    const counted = (await query(CLAIM, [leaseMs, token, batchSize, true, webhook.key])).rows;
    const fresh = Math.min(room, batchSize - counted.length);
    if (fresh <= 0) return counted;
    return [...counted, ...(await query(CLAIM, [leaseMs, token, fresh, false, webhook.key])).rows];
  });
  return { token, alerts: rows.map(claimed) };
}

import { randomUUID } from 'node:crypto';
import { millisecondsParam, type Queryable } from '../store/queryable';
import type { AlertEvent } from './alert-event';
import type { AlertRecord } from './alert-record';

/** A pending alert this collector has claimed for one attempt. */
export interface ClaimedAlert {
  id: string;
  event: AlertEvent;
  /** The webhook's key (`Webhook.key`). */
  webhook: string;
  /** Attempts so far, this one included. */
  attempts: number;
  record: AlertRecord;
}

/** The alerts one pass claimed, and the token that names that claim (only its holder records their outcome). */
export interface Claim {
  token: string;
  alerts: ClaimedAlert[];
}

// Every time here is the database's now(), as is next_attempt_at's default when an alert is recorded:
// collectors whose own clocks disagree still agree on what is due and whose lease has run out.
// SKIP LOCKED: a row another collector is claiming right now is left to it. The claim moves
// next_attempt_at past the lease, so once committed nobody else picks the alert up until the
// attempt ends (or the claimant died and the lease ran out: at least once, never lost).
const CLAIM = `update nps_alerts a set attempts = a.attempts + 1, next_attempt_at = now() + ${millisecondsParam(1)}, claim = $2
  where a.id in (
    select id from nps_alerts
    where state = 'pending' and next_attempt_at <= now() and webhook in (select jsonb_array_elements_text($4::jsonb))
    order by next_attempt_at limit $3
    for update skip locked)
  returning a.id::text as id, a.event, a.webhook, a.attempts, a.record`;

/**
 * Claims up to `batchSize` due alerts of the given webhooks for `leaseMs`, oldest due first.
 * @example const { token, alerts } = await claimAlerts(db, { leaseMs: 60_000, batchSize: 10, webhookKeys: ['https://hooks.example#…'] });
 */
export async function claimAlerts(
  db: Queryable,
  { leaseMs, batchSize, webhookKeys }: { leaseMs: number; batchSize: number; webhookKeys: readonly string[] },
): Promise<Claim> {
  const token = randomUUID();
  const { rows } = await db.query(CLAIM, [leaseMs, token, batchSize, JSON.stringify(webhookKeys)]);
  const alerts = rows.map(
    (row): ClaimedAlert => ({
      id: String(row.id),
      event: row.event as AlertEvent,
      webhook: String(row.webhook),
      attempts: Number(row.attempts),
      record: row.record as AlertRecord,
    }),
  );
  return { token, alerts };
}

import type { AlertDelivery, AlertState, AlertsReply, DigestState } from '../../core/api-types';
import { isoOf, type Query, requiredIsoOf, type Row, textOf } from '../store/queryable';

const STATES: readonly AlertState[] = ['pending', 'delivered', 'digested', 'suppressed', 'failed'];

const LIST = (limit: number) => `select a.id::text as id, a.response_id::text as response_id, a.event, a.webhook,
    a.state, a.attempts, a.last_error, a.reason, a.digest::text as digest, a.created_at, a.next_attempt_at, a.delivered_at,
    case when a.event = 'digest' then (select count(*)::int from nps_alerts d where d.digest = a.id) end as count
  from nps_alerts a where ($1::text is null or a.state = $1) order by a.created_at desc, a.id desc limit ${limit}`;

const COUNT = `select event = 'digest' as is_digest, state, count(*)::int as n from nps_alerts group by 1, 2`;

const delivery = (row: Row): AlertDelivery => ({
  id: String(row.id),
  responseId: textOf(row.response_id),
  event: String(row.event),
  webhook: String(row.webhook),
  state: row.state as AlertState,
  attempts: Number(row.attempts),
  lastError: textOf(row.last_error),
  reason: textOf(row.reason),
  digest: textOf(row.digest),
  count: row.count == null ? null : Number(row.count),
  createdAt: requiredIsoOf(row.created_at),
  nextAttemptAt: isoOf(row.next_attempt_at),
  deliveredAt: isoOf(row.delivered_at),
});

/**
 * Webhook deliveries for `GET /api/alerts?state=`: newest first (at most `limit`, default 100,
 * up to 1,000), digests among them, and how many alerts and digests there are in each state.
 * @example await listAlerts(db.query, { state: 'failed' })
 */
export async function listAlerts(
  query: Query,
  { state, limit = 100 }: { state?: AlertState; limit?: number } = {},
): Promise<AlertsReply> {
  if (state != null && !STATES.includes(state))
    throw new TypeError(`state must be one of ${STATES.join(', ')}, got ${JSON.stringify(state)}`);
  const capped = Math.min(Math.max(1, Math.floor(limit) || 100), 1000);
  const { rows } = await query(LIST(capped), [state ?? null]);
  const counted = await query(COUNT);
  const counts: Record<AlertState, number> = { pending: 0, delivered: 0, digested: 0, suppressed: 0, failed: 0 };
  const digests: Record<DigestState, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const row of counted.rows) {
    if (row.is_digest) digests[row.state as DigestState] = Number(row.n);
    else counts[row.state as AlertState] = Number(row.n);
  }
  return { alerts: rows.map(delivery), counts, digests };
}

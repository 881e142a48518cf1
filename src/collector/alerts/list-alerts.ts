import type { AlertDelivery, AlertsReply, AlertState } from '../../core/api-types';
import { isoOf, type Query, requiredIsoOf, textOf } from '../store/queryable';

const STATES: readonly AlertState[] = ['pending', 'delivered', 'failed'];

/**
 * Webhook deliveries for `GET /api/alerts?state=`: newest first (at most `limit`, default 100,
 * up to 1,000), and how many there are in each state.
 * @example await listAlerts(db.query, { state: 'failed' })
 */
export async function listAlerts(
  query: Query,
  { state, limit = 100 }: { state?: AlertState; limit?: number } = {},
): Promise<AlertsReply> {
  if (state != null && !STATES.includes(state))
    throw new TypeError(`state must be one of ${STATES.join(', ')}, got ${JSON.stringify(state)}`);
  const capped = Math.min(Math.max(1, Math.floor(limit) || 100), 1000);
  const { rows } = await query(
    `select id::text as id, response_id::text as response_id, event, webhook, state, attempts, last_error,
       created_at, next_attempt_at, delivered_at
     from nps_alerts where ($1::text is null or state = $1) order by created_at desc, id desc limit ${capped}`,
    [state ?? null],
  );
  const counted = await query(`select state, count(*)::int as n from nps_alerts group by state`);
  const counts: Record<AlertState, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const row of counted.rows) counts[row.state as AlertState] = Number(row.n);
  const alerts = rows.map(
    (row): AlertDelivery => ({
      id: String(row.id),
      responseId: String(row.response_id),
      event: String(row.event),
      webhook: String(row.webhook),
      state: row.state as AlertState,
      attempts: Number(row.attempts),
      lastError: textOf(row.last_error),
      createdAt: requiredIsoOf(row.created_at),
      nextAttemptAt: isoOf(row.next_attempt_at),
      deliveredAt: isoOf(row.delivered_at),
    }),
  );
  return { alerts, counts };
}

import { uuidv7 } from '../../core/ids';
import type { Category, ResponseStatus } from '../../core/wire';
import { isoOf, type Query, requiredIsoOf } from '../store/queryable';
import type { AlertEvent } from './alert-event';
import type { AlertRecord } from './alert-record';
import type { Webhook } from './webhook-options';

/**
 * A response as the upsert stored it (the version that won). Wire records fit, and so do rows
 * selected with {@link ALERT_SOURCE_COLUMNS} (timestamps may be `Date`s or ISO strings).
 */
export interface AlertSource {
  id: string;
  status: ResponseStatus;
  score?: number | null;
  category?: Category | null;
  comment?: string | null;
  userId?: string | null;
  anonymousId: string;
  traits?: unknown;
  stage?: string | null;
  metadata?: unknown;
  locale: string;
  page: string;
  shownAt: string | Date;
  answeredAt?: string | Date | null;
  updatedAt: string | Date;
  sdk: string;
}

/**
 * The columns of `nps_responses` as an {@link AlertSource}: for the upsert's `returning` clause.
 * @example `insert into nps_responses as r … on conflict (id) do update … where … returning ${ALERT_SOURCE_COLUMNS}`
 */
export const ALERT_SOURCE_COLUMNS = `id::text as id, status, score, category, comment, user_id as "userId",
  anonymous_id as "anonymousId", traits, stage, metadata, locale, page, shown_at as "shownAt",
  answered_at as "answeredAt", updated_at as "updatedAt", sdk`;

const snapshot = (source: AlertSource): AlertRecord => ({
  id: source.id,
  status: source.status,
  score: source.score ?? null,
  category: source.category ?? null,
  comment: source.comment || null,
  userId: source.userId ?? null,
  anonymousId: source.anonymousId,
  traits: source.traits ?? null,
  stage: source.stage ?? null,
  metadata: source.metadata ?? null,
  locale: source.locale,
  page: source.page,
  shownAt: requiredIsoOf(source.shownAt),
  answeredAt: isoOf(source.answeredAt),
  updatedAt: requiredIsoOf(source.updatedAt),
  sdk: source.sdk,
});

/** Whether a stored response raises `event`. */
function raises(record: AlertRecord, event: AlertEvent): boolean {
  if (record.status !== 'answered') return false;
  if (event === 'detractor') return record.category === 'detractor';
  if (event === 'comment') return record.comment != null;
  return true;
}

interface Candidate {
  id: string;
  response_id: string;
  event: AlertEvent;
  webhook: string;
  record: AlertRecord;
}

const CANDIDATES = `jsonb_to_recordset($1::jsonb) as c(id uuid, response_id uuid, event text, webhook text, record jsonb)`;

// One alert per (response, event, webhook): a resend or a concurrent duplicate hits the unique key.
const INSERT_ALERTS = `insert into nps_alerts (id, response_id, event, webhook, record)
  select id, response_id, event, webhook, record from ${CANDIDATES}
  on conflict (response_id, event, webhook) do nothing returning 1`;

// A comment that arrives before the alert's first attempt rides along in it. The row lock taken here
// makes a concurrent claim skip the alert until this transaction ends; a claim that came first has
// already raised `attempts`, so this matches nothing and the next statement sends a follow-up.
const ADD_COMMENT_TO_UNSENT = `update nps_alerts a set record = c.record from ${CANDIDATES}
  where a.response_id = c.response_id and a.event = c.event and a.webhook = c.webhook
    and a.state = 'pending' and a.attempts = 0
    and a.record->>'comment' is distinct from c.record->>'comment'
  returning 1`;

// Run as a separate statement so it sees what the update above (or a committed claim) left behind.
const INSERT_COMMENT_FOLLOW_UPS = `insert into nps_alerts (id, response_id, event, webhook, record)
  select c.id, c.response_id, 'comment', c.webhook, c.record from ${CANDIDATES}
  join nps_alerts a on a.response_id = c.response_id and a.event = c.event and a.webhook = c.webhook
  where (a.state <> 'pending' or a.attempts > 0)
    and a.record->>'comment' is distinct from c.record->>'comment'
  on conflict (response_id, event, webhook) do nothing returning 1`;

/**
 * Records the alerts that stored responses raise: call it inside the upsert's transaction, with the
 * rows the upsert inserted or replaced, so an alert exists exactly when its response does. Idempotent:
 * calling it again with the same rows (a resent batch) records nothing new.
 *
 * Per webhook, a response raises its `on` event once. A comment that arrives later is added to that
 * alert while it has not been attempted; after that it raises one follow-up alert (event `comment`).
 * @returns how many alerts were created or updated (nudge the delivery loop when it is more than 0)
 * @example
 * await db.transaction(async (query) => {
 *   const { rows } = await query(UPSERT + ` returning ${ALERT_SOURCE_COLUMNS}`, [json]);
 *   if (await recordAlerts(query, rows as AlertSource[], webhooks)) delivery.nudge();
 * });
 */
export async function recordAlerts(
  query: Query,
  rows: readonly AlertSource[],
  webhooks: readonly Webhook[],
  newId: () => string = defaultNewId,
): Promise<number> {
  if (!rows.length || !webhooks.length) return 0;
  const primary: Candidate[] = [];
  const commentChecks: Candidate[] = [];
  for (const row of rows) {
    const record = snapshot(row);
    for (const webhook of webhooks) {
      if (!raises(record, webhook.on)) continue;
      const candidate = { id: newId(), response_id: record.id, event: webhook.on, webhook: webhook.key, record };
      primary.push(candidate);
      if (webhook.on !== 'comment' && record.comment != null) commentChecks.push({ ...candidate, id: newId() });
    }
  }
  // The same lock order in every transaction, so two overlapping batches cannot deadlock.
  const byKey = (a: Candidate, b: Candidate) => (a.response_id + a.webhook < b.response_id + b.webhook ? -1 : 1);
  primary.sort(byKey);
  commentChecks.sort(byKey);
  let changed = 0;
  if (primary.length) changed += (await query(INSERT_ALERTS, [JSON.stringify(primary)])).rows.length;
  if (commentChecks.length) {
    const json = JSON.stringify(commentChecks);
    changed += (await query(ADD_COMMENT_TO_UNSENT, [json])).rows.length;
    changed += (await query(INSERT_COMMENT_FOLLOW_UPS, [json])).rows.length;
  }
  return changed;
}

const defaultNewId = uuidv7();

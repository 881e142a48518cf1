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

/** Alerts per webhook per anonymous id in 24 hours; the rest are kept as `suppressed`. */
const MAX_ALERTS_PER_VISITOR_PER_DAY = 3;
/** The `reason` of an alert kept as `suppressed`. */
export const SUPPRESSED_REASON = `more than ${MAX_ALERTS_PER_VISITOR_PER_DAY} alerts from this anonymous id in 24 hours`;

interface Candidate {
  id: string;
  response_id: string;
  event: AlertEvent;
  webhook: string;
  record: AlertRecord;
  anonymous_id: string;
  /** How long the alert waits for its comment before it is due. */
  wait_ms: number;
}

const CANDIDATES = `jsonb_to_recordset($1::jsonb) as c(id uuid, response_id uuid, event text, webhook text, record jsonb,
  anonymous_id text, wait_ms float8)`;

// Batches of one anonymous id take turns from here to the end of their transactions, so the limit
// per anonymous id counts what the others wrote. Keys are locked in sorted order: no deadlock.
const TAKE_TURNS_PER_VISITOR = `select pg_advisory_xact_lock(hashtext(turn.key)) from (
  select distinct c.webhook || ' ' || c.anonymous_id as key from ${CANDIDATES} order by 1) turn`;

// One alert per (response, event, webhook): a resend or a concurrent duplicate hits the unique key.
// Past the limit per anonymous id the alert is kept as suppressed; otherwise it is due once its
// comment wait is over (or at once when the comment came with the score).
const INSERT_ALERTS = `insert into nps_alerts (id, response_id, event, webhook, record, anonymous_id, state, next_attempt_at, reason)
  select id, response_id, event, webhook, record, anonymous_id,
    case when over_limit then 'suppressed' else 'pending' end,
    case when over_limit then null else now() + (wait_ms * interval '1 millisecond') end,
    case when over_limit then $2 end
  from (
    select c.*, row_number() over (partition by c.webhook, c.anonymous_id order by c.response_id)
      + (select count(*) from nps_alerts a
         where a.webhook = c.webhook and a.anonymous_id = c.anonymous_id and a.event = c.event
           and a.state <> 'suppressed' and a.created_at > now() - interval '1 day') > $3 as over_limit
    from ${CANDIDATES}
    where not exists (select 1 from nps_alerts a where a.response_id = c.response_id and a.event = c.event and a.webhook = c.webhook)
  ) ranked
  on conflict (response_id, event, webhook) do nothing returning 1`;

// A comment that arrives before the alert's first attempt rides along in it, which is then due at
// once (its wait for the comment is over). The row lock taken here makes a concurrent claim skip the
// alert until this transaction ends; a claim that came first has already raised `attempts`, so this
// matches nothing and the next statement sends a follow-up.
const ADD_COMMENT_TO_UNSENT = `update nps_alerts a set record = c.record, next_attempt_at = least(a.next_attempt_at, now())
  from ${CANDIDATES}
  where a.response_id = c.response_id and a.event = c.event and a.webhook = c.webhook
    and a.state = 'pending' and a.attempts = 0
    and a.record->>'comment' is distinct from c.record->>'comment'
  returning 1`;

// Run as a separate statement so it sees what the update above (or a committed claim) left behind.
// Only an alert that went out on its own gets a follow-up: a digested or suppressed one never
// named this response.
const INSERT_COMMENT_FOLLOW_UPS = `insert into nps_alerts (id, response_id, event, webhook, record, anonymous_id)
  select c.id, c.response_id, 'comment', c.webhook, c.record, c.anonymous_id from ${CANDIDATES}
  join nps_alerts a on a.response_id = c.response_id and a.event = c.event and a.webhook = c.webhook
  where (a.state in ('delivered', 'failed') or (a.state = 'pending' and a.attempts > 0))
    and a.record->>'comment' is distinct from c.record->>'comment'
  on conflict (response_id, event, webhook) do nothing returning 1`;

/** The alerts `rows` raise: one per webhook whose event they raise, and the comment checks. */
function candidatesOf(rows: readonly AlertSource[], webhooks: readonly Webhook[], newId: () => string) {
  const primary: Candidate[] = [];
  const commentChecks: Candidate[] = [];
  for (const row of rows) {
    const record = snapshot(row);
    for (const webhook of webhooks) {
      if (!raises(record, webhook.on)) continue;
      const waitsForComment = webhook.on !== 'comment' && record.comment == null;
      const candidate: Candidate = {
        id: newId(),
        response_id: record.id,
        event: webhook.on,
        webhook: webhook.key,
        record,
        anonymous_id: record.anonymousId,
        wait_ms: waitsForComment ? webhook.commentWaitMs : 0,
      };
      primary.push(candidate);
      if (webhook.on !== 'comment' && record.comment != null) commentChecks.push({ ...candidate, id: newId() });
    }
  }
  // The same lock order in every transaction, so two overlapping batches cannot deadlock.
  const byKey = (a: Candidate, b: Candidate) => (a.response_id + a.webhook < b.response_id + b.webhook ? -1 : 1);
  return { primary: primary.sort(byKey), commentChecks: commentChecks.sort(byKey) };
}

/**
 * Records the alerts that stored responses raise: call it inside the upsert's transaction, with the
 * rows the upsert inserted or replaced, so an alert exists exactly when its response does. Idempotent:
 * calling it again with the same rows (a resent batch) records nothing new.
 *
 * Per webhook, a response raises its `on` event once. Without a comment, the alert waits up to the
 * webhook's `commentWaitMs` for it; a comment that arrives before the alert was attempted joins it
 * (and ends the wait), one that arrives later raises one follow-up alert (event `comment`). Past
 * {@link MAX_ALERTS_PER_VISITOR_PER_DAY} alerts of one anonymous id in 24 hours, the alert is kept
 * as `suppressed` with its reason.
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
  const { primary, commentChecks } = candidatesOf(rows, webhooks, newId);
  let changed = 0;
  if (primary.length) {
    const json = JSON.stringify(primary);
    await query(TAKE_TURNS_PER_VISITOR, [json]);
    const inserted = await query(INSERT_ALERTS, [json, SUPPRESSED_REASON, MAX_ALERTS_PER_VISITOR_PER_DAY]);
    changed += inserted.rows.length;
  }
  if (commentChecks.length) {
    const json = JSON.stringify(commentChecks);
    changed += (await query(ADD_COMMENT_TO_UNSENT, [json])).rows.length;
    changed += (await query(INSERT_COMMENT_FOLLOW_UPS, [json])).rows.length;
  }
  return changed;
}

const defaultNewId = uuidv7();

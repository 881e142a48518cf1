import { createHash } from 'node:crypto';
import { ALERT_EVENTS, type AlertEvent } from './alert-event';
import { ALERT_FORMATS, type WebhookFormat } from './alert-formats';
import { secretProblem } from './webhook-secret';

/** Messages per webhook per minute before the rest fold into a digest (`ALERT_MAX_PER_MINUTE`). */
const DEFAULT_MAX_PER_MINUTE = 20;
/** How long an answer's alert waits for its comment (`WEBHOOK_COMMENT_WAIT_SECONDS`). */
const DEFAULT_COMMENT_WAIT_SECONDS = 90;
/** The longest comment wait: an alert is news for minutes, not hours. */
const LONGEST_COMMENT_WAIT_SECONDS = 3600;

/**
 * One webhook to tell when a response comes in.
 * @example { url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET, on: 'detractor', format: 'slack' }
 */
export interface WebhookOptions {
  /** Where alerts are POSTed: an `https:` URL (`http:` is allowed, for a receiver on your own network). */
  url: string;
  /**
   * Signs every delivery (`webhook-signature`, Standard Webhooks). Either the Standard Webhooks form,
   * `whsec_` followed by a 24- to 64-byte key in base64 (`'whsec_' + randomBytes(32).toString('base64')`),
   * or a plain string of at least 16 characters, whose UTF-8 bytes are the key. Without it (or
   * empty) deliveries are unsigned.
   * @default undefined
   */
  secret?: string;
  /**
   * Which responses raise an alert: a detractor's answer (0–6), any answer, or any answer with a comment.
   * With `detractor` and `answer`, a comment that arrives after the alert was sent is sent as a short
   * follow-up message (event `comment`).
   * @default 'detractor'
   */
  on?: AlertEvent;
  /** @default 'json' */
  format?: WebhookFormat;
  /**
   * At most this many messages to this webhook in any minute (counted on the database, so across
   * every collector); the alerts past it fold into one digest message per minute. The demo and the
   * production server read `ALERT_MAX_PER_MINUTE`.
   * @default 20
   */
  maxPerMinute?: number;
  /**
   * How long the alert of an answer without a comment waits for the comment (0 to 3600 seconds), so
   * that the one message carries it. The wait is kept in the database: a restart during it still
   * sends. The demo and the production server read `WEBHOOK_COMMENT_WAIT_SECONDS`.
   * @default 90
   */
  commentWaitSeconds?: number;
}

/** A validated webhook, with its defaults filled in. */
export interface Webhook {
  url: string;
  secret: string | null;
  on: AlertEvent;
  format: WebhookFormat;
  maxPerMinute: number;
  /** `commentWaitSeconds` in milliseconds. */
  commentWaitMs: number;
  /**
   * How the webhook is named in `nps_alerts.webhook` and `GET /api/alerts`: the URL's origin and a
   * hash of the whole URL, because Slack-style URLs carry their secret in the path.
   */
  key: string;
}

/** The format names a webhook may take: the keys of the formats table. */
const FORMATS = Object.keys(ALERT_FORMATS) as WebhookFormat[];

function invalid(path: string, expected: string, value: unknown): never {
  throw new TypeError(`nps collector: ${path} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
}

/** The stored name of a webhook: origin + 12 hex digits of SHA-256 of the URL. */
export function webhookKey(url: string): string {
  return `${new URL(url).origin}#${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
}

/**
 * Checks webhook options and fills in the defaults; throws a `TypeError` naming the bad field
 * (`webhooks[1].on must be one of …`). The secret's value is never echoed.
 * @example resolveWebhooks([{ url: 'https://hooks.slack.com/services/T0/B0/x', format: 'slack' }])
 */
export function resolveWebhooks(list: readonly WebhookOptions[] | undefined): Webhook[] {
  if (list == null) return [];
  if (!Array.isArray(list)) invalid('webhooks', 'an array', list);
  const webhooks = list.map((options, i) => resolveWebhook(options, `webhooks[${i}]`));
  webhooks.forEach((webhook, index) => {
    const first = webhooks.findIndex((other) => other.url === webhook.url);
    if (first < index) invalid(`webhooks[${index}].url`, `different from webhooks[${first}].url`, webhook.url);
  });
  return webhooks;
}

const OPTION_NAMES = ['url', 'secret', 'on', 'format', 'maxPerMinute', 'commentWaitSeconds'];

/** Checks the secret without ever echoing it. */
function checkSecret(secret: unknown, path: string): void {
  if (secret == null || secret === '') return;
  const problem = typeof secret === 'string' ? secretProblem(secret) : 'a string';
  if (problem) throw new TypeError(`nps collector: ${path}.secret must be ${problem}`);
}

function checkLimits({ maxPerMinute, commentWaitSeconds }: Required<WebhookOptions>, path: string): void {
  if (!Number.isInteger(maxPerMinute) || maxPerMinute < 1)
    invalid(`${path}.maxPerMinute`, 'a whole number of messages, at least 1', maxPerMinute);
  if (
    typeof commentWaitSeconds !== 'number' ||
    !(commentWaitSeconds >= 0 && commentWaitSeconds <= LONGEST_COMMENT_WAIT_SECONDS)
  )
    invalid(
      `${path}.commentWaitSeconds`,
      `a number of seconds from 0 to ${LONGEST_COMMENT_WAIT_SECONDS}`,
      commentWaitSeconds,
    );
}

function resolveWebhook(options: WebhookOptions, path: string): Webhook {
  if (options == null || typeof options !== 'object')
    invalid(path, 'an object { url, secret?, on?, format?, maxPerMinute?, commentWaitSeconds? }', options);
  for (const key of Object.keys(options))
    if (!OPTION_NAMES.includes(key)) invalid(`${path}.${key}`, 'absent (unknown option)', key);
  const {
    url,
    secret,
    on = 'detractor',
    format = 'json',
    maxPerMinute = DEFAULT_MAX_PER_MINUTE,
    commentWaitSeconds = DEFAULT_COMMENT_WAIT_SECONDS,
  } = options;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (typeof url !== 'string' || !parsed || !['https:', 'http:'].includes(parsed.protocol))
    invalid(`${path}.url`, 'an https: or http: URL', url);
  checkSecret(secret, path);
  if (!ALERT_EVENTS.includes(on)) invalid(`${path}.on`, `one of ${ALERT_EVENTS.join(', ')}`, on);
  if (!FORMATS.includes(format)) invalid(`${path}.format`, `one of ${FORMATS.join(', ')}`, format);
  checkLimits({ url, secret: secret ?? '', on, format, maxPerMinute, commentWaitSeconds }, path);
  return {
    url,
    secret: secret || null,
    on,
    format,
    maxPerMinute,
    commentWaitMs: commentWaitSeconds * 1000,
    key: webhookKey(url),
  };
}

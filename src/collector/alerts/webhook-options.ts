import { createHash } from 'node:crypto';
import { ALERT_EVENTS, type AlertEvent } from './alert-event';
import { ALERT_FORMATS, type WebhookFormat } from './alert-formats';

/**
 * One webhook to tell when a response comes in.
 * @example { url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET, on: 'detractor', format: 'slack' }
 */
export interface WebhookOptions {
  /** Where alerts are POSTed: an `https:` URL (`http:` is allowed, for a receiver on your own network). */
  url: string;
  /** Signs every delivery (`X-NPS-Signature`); at least 16 characters. Without it (or empty) deliveries are unsigned. */
  secret?: string;
  /**
   * Which responses raise an alert: a detractor's answer (0–6), any answer, or any answer with a comment.
   * With `detractor` and `answer`, a comment that arrives after the alert was sent is sent as a
   * follow-up alert (event `comment`).
   * @default 'detractor'
   */
  on?: AlertEvent;
  /** @default 'json' */
  format?: WebhookFormat;
}

/** A validated webhook, with its defaults filled in. */
export interface Webhook {
  url: string;
  secret: string | null;
  on: AlertEvent;
  format: WebhookFormat;
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

function resolveWebhook(options: WebhookOptions, path: string): Webhook {
  if (options == null || typeof options !== 'object')
    invalid(path, 'an object { url, secret?, on?, format? }', options);
  for (const key of Object.keys(options))
    if (!['url', 'secret', 'on', 'format'].includes(key)) invalid(`${path}.${key}`, 'absent (unknown option)', key);
  const { url, secret, on = 'detractor', format = 'json' } = options;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (typeof url !== 'string' || !parsed || !['https:', 'http:'].includes(parsed.protocol))
    invalid(`${path}.url`, 'an https: or http: URL', url);
  if (secret != null && secret !== '' && (typeof secret !== 'string' || secret.length < 16))
    throw new TypeError(`nps collector: ${path}.secret must be a string of at least 16 characters`);
  if (!ALERT_EVENTS.includes(on)) invalid(`${path}.on`, `one of ${ALERT_EVENTS.join(', ')}`, on);
  if (!FORMATS.includes(format)) invalid(`${path}.format`, `one of ${FORMATS.join(', ')}`, format);
  return { url, secret: secret || null, on, format, key: webhookKey(url) };
}

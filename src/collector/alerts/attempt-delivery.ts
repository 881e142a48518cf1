import type { Queryable } from '../store/queryable';
import { alertBody, digestBody, queueLink, responseLink } from './alert-body';
import type { ClaimedAlert } from './claim-alerts';
import { digestText } from './digest-text';
import { errorMessage } from './error-message';
import {
  type AttemptFailure,
  type FailureSettings,
  markDelivered,
  type Outcome,
  recordFailure,
} from './record-outcome';
import { retryAfterMs } from './retry-delay';
import type { Webhook } from './webhook-options';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** What one attempt needs besides the alert: the database, the side effects and the limits. */
export interface AttemptSettings extends FailureSettings {
  db: Queryable;
  dashboardUrl?: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** The body of one message: an alert about a response (its follow-up when a comment came late), or a digest. */
function bodyOf(alert: ClaimedAlert, webhook: Webhook, dashboardUrl: string | undefined): string {
  if (alert.kind === 'digest')
    return digestBody(webhook.format, {
      counts: alert.counts,
      text: digestText(alert.counts),
      link: queueLink(dashboardUrl),
    });
  return alertBody(webhook.format, {
    event: alert.event,
    record: alert.record,
    link: responseLink(dashboardUrl, alert.record.id),
    followUp: alert.event === 'comment' && webhook.on !== 'comment',
  });
}

/**
 * The request of one delivery, as Standard Webhooks has it: `webhook-id` is the alert's id (the same
 * on every retry), `webhook-timestamp` this attempt's time on the collector's clock, and
 * `webhook-signature` (with a secret) signs both with the body.
 */
function alertRequest(alert: ClaimedAlert, webhook: Webhook, { dashboardUrl, now }: AttemptSettings): RequestInit {
  const body = bodyOf(alert, webhook, dashboardUrl);
  const timestamp = Math.floor(now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'nps-widget-collector',
    'x-nps-event': alert.kind === 'digest' ? 'digest' : alert.event,
    [WEBHOOK_HEADERS.id]: alert.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
  };
  if (webhook.secret) headers[WEBHOOK_HEADERS.signature] = signWebhook(webhook.secret, alert.id, timestamp, body);
  return { method: 'POST', headers, body, redirect: 'manual' };
}

/**
 * One attempt of one claimed alert: POSTs it to its webhook (aborted by `stopped` or after
 * `requestTimeoutMs`) and records the outcome. A delivery that cannot be marked delivered counts
 * as failed, so it is sent again (at least once).
 * @example await attemptDelivery(alert, webhook, claim.token, stopping.signal, settings) // 'delivered'
 */
export async function attemptDelivery(
  alert: ClaimedAlert,
  webhook: Webhook,
  claimToken: string,
  stopped: AbortSignal,
  settings: AttemptSettings,
): Promise<Outcome> {
  // Every alert a digest counted was erased since: there is nothing left to say.
  if (alert.kind === 'digest' && !Object.keys(alert.counts).length) {
    await markDelivered(settings.db, alert.id);
    return 'delivered';
  }
  const request = alertRequest(alert, webhook, settings);
  let failure: Omit<AttemptFailure, 'stopped'>;
  try {
    const signal = AbortSignal.any([stopped, AbortSignal.timeout(settings.requestTimeoutMs)]);
    const response = await settings.fetch(webhook.url, { ...request, signal });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) {
      await markDelivered(settings.db, alert.id);
      return 'delivered';
    }
    failure = {
      error: `HTTP ${response.status}`,
      retryAfter: retryAfterMs(response.headers.get('retry-after'), settings.now()),
    };
  } catch (error) {
    failure = { error: stopped.aborted ? 'delivery stopped before the receiver answered' : errorMessage(error) };
  }
  const error = failure.error.slice(0, 500);
  return recordFailure(settings.db, alert, claimToken, { ...failure, error, stopped: stopped.aborted }, settings);
}

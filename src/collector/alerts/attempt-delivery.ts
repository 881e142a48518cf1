import type { Queryable } from '../store/queryable';
import { alertBody, responseLink } from './alert-body';
import type { ClaimedAlert } from './claim-alerts';
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
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

/** What one attempt needs besides the alert: the database, the side effects and the limits. */
export interface AttemptSettings extends FailureSettings {
  db: Queryable;
  dashboardUrl?: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  requestTimeoutMs: number;
}

/** The body and headers of one delivery; the timestamp is the collector's clock, signed with the body. */
function alertRequest(alert: ClaimedAlert, webhook: Webhook, { dashboardUrl, now }: AttemptSettings): RequestInit {
  const body = alertBody(webhook.format, alert.event, alert.record, responseLink(dashboardUrl, alert.record.id));
  const timestamp = String(Math.floor(now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'nps-widget-collector',
    'x-nps-event': alert.event,
    [DELIVERY_HEADER]: alert.id,
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (webhook.secret) headers[SIGNATURE_HEADER] = signWebhook(webhook.secret, timestamp, body);
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

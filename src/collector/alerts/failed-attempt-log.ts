import { errorMessage } from './error-message';

/** One failed attempt to deliver an alert, as its log line tells it: never the alert's content. */
export interface FailedAlertAttempt {
  /** The alert's id (the delivery id its receiver sees in `webhook-id` or `X-NPS-Delivery`), when known. */
  alertId: string | null;
  /** The webhook's origin only: Slack-style URLs carry their secret in the path. */
  webhook: string;
  /** The receiver's status, or null when no reply came (refused connection, timeout, stopped). */
  status: number | null;
  /** What went wrong, e.g. `HTTP 500` or `fetch failed`. */
  error: string;
}

// The delivery id header: Standard Webhooks' name, or the collector's earlier one.
const ALERT_ID_HEADERS = ['webhook-id', 'x-nps-delivery'];

const originOf = (url: string | URL | Request): string => {
  try {
    return new URL(url instanceof Request ? url.url : url).origin;
  } catch {
    return '(not a URL)';
  }
};

const alertIdOf = (init: RequestInit | undefined): string | null => {
  const headers = new Headers(init?.headers);
  for (const name of ALERT_ID_HEADERS) {
    const id = headers.get(name);
    if (id) return id;
  }
  return null;
};

/**
 * The delivery loop's `fetch`, reporting every attempt that fails (a reply that is not 2xx, or no
 * reply) to `onFailed`; the loop sees the same replies and errors as without it.
 * @example createAlertDelivery({ db, webhooks, fetch: reportFailedAttempts(fetch, (f) => console.warn(f.error)) })
 */
export function reportFailedAttempts(
  fetch: typeof globalThis.fetch,
  onFailed: (attempt: FailedAlertAttempt) => void,
): typeof globalThis.fetch {
  return async (url, init) => {
    const attempt = { alertId: alertIdOf(init), webhook: originOf(url) };
    try {
      const response = await fetch(url, init);
      if (!response.ok) onFailed({ ...attempt, status: response.status, error: `HTTP ${response.status}` });
      return response;
    } catch (error) {
      onFailed({ ...attempt, status: null, error: errorMessage(error) });
      throw error;
    }
  };
}

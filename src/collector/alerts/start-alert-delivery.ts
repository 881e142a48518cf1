import { type AlertDelivery, createAlertDelivery } from './alert-delivery';
import type { AlertDeliveryOptions } from './delivery-options';
import { type FailedAlertAttempt, reportFailedAttempts } from './failed-attempt-log';

/**
 * The collector's alert delivery loop, started, when there are webhooks; each failed attempt also
 * goes to `onAlertFailed` (the server's log line).
 * @example const delivery = startAlertDelivery({ db, webhooks, dashboardUrl, onAlertFailed: log.alertFailed });
 */
export function startAlertDelivery(
  options: AlertDeliveryOptions & { onAlertFailed?: (attempt: FailedAlertAttempt) => void },
): AlertDelivery | undefined {
  if (!options.webhooks.length) return undefined;
  const { onAlertFailed, ...deliveryOptions } = options;
  const fetch = options.fetch ?? globalThis.fetch;
  const delivery = createAlertDelivery({
    ...deliveryOptions,
    fetch: onAlertFailed ? reportFailedAttempts(fetch, onAlertFailed) : fetch,
  });
  delivery.start();
  return delivery;
}

import { type DeliveryLoop, isOffline } from './delivery-loop';
import { readyBatch } from './known-queue';
import { batchBody } from './post-batch';
import { reportFailure } from './report-failure';
import { sendBatch } from './send-batch';

/**
 * The last send before the page may be gone: one keepalive request from what this tab knows, never
 * before `Retry-After` or while offline, and once until the page is shown again. sendBeacon only
 * where keepalive is missing and there are no headers (it cannot carry them).
 */
export function hidePage(loop: DeliveryLoop): void {
  const { host } = loop;
  const at = loop.now();
  if (loop.hidden || loop.state.retryAfterUntil > at || isOffline(loop)) return;
  loop.hidden = true;
  const records = readyBatch(loop, at);
  if (!records.length) return;
  const navigator = host.navigator;
  const beaconOnly = !('keepalive' in (host.Request?.prototype ?? {})) && !Object.keys(loop.headers)[0];
  if (beaconOnly && navigator?.sendBeacon)
    try {
      navigator.sendBeacon(loop.endpoint, new Blob([batchBody(records, at)], { type: 'application/json' }));
      return;
    } catch {
      // A beacon that throws leaves the keepalive request below to try.
    }
  sendBatch(loop, records, true).catch((error) => reportFailure(loop, error));
}

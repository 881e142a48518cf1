import { type DeliveryLoop, isOffline } from './delivery-loop';
import { readyBatch } from './known-queue';
import { reportFailure } from './report-failure';
import { sendBatch } from './send-batch';

/**
 * The last send before the page may be gone: one keepalive request from what this tab knows, never
 * before `Retry-After` or while offline, and once until the page is shown again. Where `fetch` has
 * no `keepalive`, nothing is sent here and the records wait, stored, for the next visit: never
 * `sendBeacon`, which cannot omit cookies or a `Referer` carrying the page's query string.
 */
export function hidePage(loop: DeliveryLoop): void {
  const at = loop.now();
  const keepalive = 'keepalive' in (loop.host.Request?.prototype ?? {});
  if (!keepalive || loop.hidden || loop.state.retryAfterUntil > at || isOffline(loop)) return;
  loop.hidden = true;
  const records = readyBatch(loop, at);
  if (records.length) sendBatch(loop, records, true).catch((error) => reportFailure(loop, error));
}

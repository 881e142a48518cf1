import { claimBatch, releaseBatch } from './claim-batch';
import { readDeliveryState } from './delivery-state';
import { type DeliveryLoop, isOffline } from './delivery-loop';
import { loadQueue, readyBatch } from './known-queue';
import { migrateLegacy } from './migrate-legacy';
import { reportFailure } from './report-failure';
import { scheduleRetry } from './schedule-retry';
import { sendBatch } from './send-batch';
import { loadDeliveryState } from './stored-delivery-state';
import { stop } from './stop';

/**
 * One delivery pass, run under the sender lock: claims, sends and settles batch after batch until the
 * queue is empty or the browser offline (the retry timer is cancelled), or a `Retry-After`, the
 * backoff (unless `force`d), other tabs' leases or a failure say when to look again (the timer is
 * set). Resolves with how many records it delivered.
 */
export async function deliveryPass(loop: DeliveryLoop, force?: boolean): Promise<number> {
  const { store, now } = loop;
  let delivered = 0;
  await migrateLegacy(store, now());
  // Between batches the queue as this tab knows it is enough (each claim re-reads the records it
  // leases); it is read again in full when the pass would end, or when a tab wrote a record.
  let reread = true;
  for (;;) {
    const fromStorage = reread || loop.changed;
    reread = false;
    loop.changed = false;
    if (fromStorage) {
      await loadDeliveryState(loop);
      await loadQueue(loop);
    }
    const queued = [...loop.queue.values()];
    const at = now();
    const free = readyBatch(loop, at);
    let wait = Math.max(loop.state.retryAfterUntil, force ? 0 : loop.state.backoffUntil) - at;
    if (!fromStorage && (!free.length || wait > 0)) {
      reread = true;
      continue;
    }
    // Nothing queued, or offline (`online` kicks at once): no timer, no request, no error.
    if (!queued.length || isOffline(loop)) {
      clearTimeout(loop.timer);
      return delivered;
    }
    // Everything is leased by other tabs: look again when the first lease runs out.
    if (wait <= 0 && !free.length) wait = Math.min(...Array.from(queued, (e) => e.leasedUntil as number)) - at;
    if (wait > 0) {
      scheduleRetry(loop, wait);
      return delivered;
    }
    const leasedUntil = at + loop.lease;
    const batch = await claimBatch(store, free, at, leasedUntil, (stored) => {
      loop.state = readDeliveryState(stored, at).state;
    });
    if (!batch.length) {
      reread = true;
      continue;
    }
    try {
      // Another tab may have learnt a Retry-After while this one was claiming.
      if (loop.state.retryAfterUntil > now()) throw stop;
      delivered += await sendBatch(loop, batch);
    } catch (error) {
      await releaseBatch(store, batch, leasedUntil);
      reportFailure(loop, error);
      if (!isOffline(loop)) scheduleRetry(loop, Math.max(loop.state.retryAfterUntil, loop.state.backoffUntil) - now());
      return delivered;
    }
  }
}

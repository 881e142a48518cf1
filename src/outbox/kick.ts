import type { DeliveryLoop } from './delivery-loop';
import { deliveryPass } from './delivery-pass';
import { reportFailure } from './report-failure';
import { scheduleRetry } from './schedule-retry';
import { BUSY } from './sender-lock';

/** When another tab holds the sender lock: look again this soon, in case it stops before our records. */
const BUSY_RETRY = 1e3;

/**
 * Starts a delivery pass, one at a time and under the sender lock, once the outbox started and until
 * it is closed. A kick while a pass is already queued joins it, except one that waits (`flush`: for
 * another tab's pass too), which queues its own. `force` ignores the backoff (never `Retry-After`).
 * Resolves with how many records the pass delivered; never rejects (failures are reported).
 */
export function kick(loop: DeliveryLoop, force?: boolean, wait?: boolean): Promise<number> {
  if (loop.queued && !wait) return loop.passes;
  loop.queued = true;
  loop.passes = loop.passes
    .then(async () => {
      loop.queued = false;
      if (!loop.started || loop.closed) return 0;
      const delivered = await loop.lock.run(!!wait, () => deliveryPass(loop, force));
      if (delivered !== BUSY) return delivered;
      scheduleRetry(loop, BUSY_RETRY);
      return 0;
    })
    .catch((error) => {
      reportFailure(loop, error);
      return 0;
    });
  return loop.passes;
}

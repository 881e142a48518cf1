import type { DeliveryLoop } from './delivery-loop';
import { startTimer } from './timer';

/** Runs the next pass in `ms`, replacing any earlier time; sets nothing once the outbox is closed. */
export function scheduleRetry(loop: DeliveryLoop, ms: number): void {
  clearTimeout(loop.timer);
  if (!loop.closed) loop.timer = startTimer(loop.wake, ms);
}

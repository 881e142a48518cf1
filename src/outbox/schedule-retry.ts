import { type DeliveryLoop, isClosed } from './delivery-loop';
import { startTimer } from './timer';

/** Runs the next pass in `ms`, replacing any earlier time; sets nothing once the outbox is closed. */
export function scheduleRetry(loop: DeliveryLoop, ms: number): void {
  clearTimeout(loop.timer);
  if (!isClosed(loop)) loop.timer = startTimer(loop.wake, ms);
}

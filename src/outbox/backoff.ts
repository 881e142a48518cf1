import { BACKOFF_CAP, type DeliveryState } from './delivery-state';
import { retryAfter } from './retry-after';

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(5 min, 1 s·2^attempt)) ms, so
 * many clients coming back at once spread out instead of retrying in step.
 * @param attempt failed attempts before this one (0 for the first retry)
 * @param random uniform in [0, 1)
 */
const backoffDelay = (attempt: number, random: () => number): number =>
  random() * Math.min(BACKOFF_CAP, 1e3 * 2 ** attempt);

/**
 * The delivery state after an attempt at `at` failed with `status` (0: no reply): backed off, and
 * not before the reply's `Retry-After` header (when it has one). 429 is the server pacing us, not a
 * failed attempt: it backs off as far, but uses up no attempt.
 */
export function backoff(
  stored: DeliveryState,
  status: number,
  retryAfterHeader: string | null | undefined,
  at: number,
  random: () => number,
): DeliveryState {
  const throttled = status === 429;
  return {
    failedAttempts: stored.failedAttempts + (throttled ? 0 : 1),
    throttled: stored.throttled + (throttled ? 1 : 0),
    backoffUntil: at + backoffDelay(stored.failedAttempts + stored.throttled, random),
    retryAfterUntil: retryAfter(retryAfterHeader, at) ?? stored.retryAfterUntil,
  };
}

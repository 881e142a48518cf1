/** The origin's shared delivery state: every tab reads it before sending. */
export interface DeliveryState {
  /** Failed attempts in a row (429 does not count). */
  failedAttempts: number;
  /** 429 replies in a row: they lengthen the backoff as failed attempts do, but use none up. */
  throttled: number;
  /** Not before this time (ms since the epoch), unless forced: the backoff. */
  backoffUntil: number;
  /** Never before this time, even when forced: the server's `Retry-After`. */
  retryAfterUntil: number;
}

/** How far ahead a stored time may lie: the backoff cap (5 min) and the `Retry-After` cap (1 h). */
export const BACKOFF_CAP = 3e5;
export const RETRY_AFTER_CAP = 36e5;

export const idleState = (): DeliveryState => ({
  failedAttempts: 0,
  throttled: 0,
  backoffUntil: 0,
  retryAfterUntil: 0,
});

/**
 * A stored state (this format, widget 0.1's `{ a, b, w }`, or garbage) as a state whose times lie
 * within their caps from `now`. `capped` says whether anything was clamped, so the caller stores
 * the healed state: a far-future `Retry-After` written by an older version must not stop delivery.
 */
export function readDeliveryState(stored: unknown, now: number): { state: DeliveryState; capped: boolean } {
  const s = (stored ?? {}) as Partial<DeliveryState> & { a?: number; b?: number; w?: number };
  const number = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 0);
  const backoffUntil = number(s.backoffUntil ?? s.b);
  const retryAfterUntil = number(s.retryAfterUntil ?? s.w);
  const state = {
    failedAttempts: Math.min(number(s.failedAttempts ?? s.a), 1e3),
    // Older states have none; a huge count only reaches the backoff cap.
    throttled: number(s.throttled),
    backoffUntil: Math.min(backoffUntil, now + BACKOFF_CAP),
    retryAfterUntil: Math.min(retryAfterUntil, now + RETRY_AFTER_CAP),
  };
  return { state, capped: state.backoffUntil < backoffUntil || state.retryAfterUntil < retryAfterUntil };
}

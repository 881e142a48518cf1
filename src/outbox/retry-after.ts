import { RETRY_AFTER_CAP } from './delivery-state';

/**
 * The time (ms since the epoch) before which a `Retry-After` header forbids the next request:
 * delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2026 07:28:00 GMT`), capped at one hour
 * from `now`, so one bad header cannot stop delivery for good. `undefined` when the header is
 * missing, unreadable or already past.
 * @example retryAfter('120', Date.now())
 */
export function retryAfter(value: string | null | undefined, now: number): number | undefined {
  // A missing header reads "null" or "undefined", which is no number and parses as NaN: no time.
  const text = String(value);
  const t = /^\s*\d+\s*$/.test(text) ? now + 1e3 * +text : Date.parse(text);
  return t > now ? Math.min(t, now + RETRY_AFTER_CAP) : undefined;
}

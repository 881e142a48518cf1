/** The first retry comes within this; each later one may wait twice as long as the one before. */
export const FIRST_RETRY_MS = 30_000;
/** No wait between attempts is longer than this. */
export const LONGEST_RETRY_MS = 3_600_000;

/**
 * How long to wait after failed attempt number `attempt` (1 = the first): exponential backoff with
 * full jitter, a random wait from 0 up to 30 s × 2^(attempt − 1), at most an hour. Jitter spreads
 * the retries of many alerts (and of several collectors) after a receiver's outage.
 * A `Retry-After` from the receiver is honoured up to the same hour.
 * @example retryDelay(1, Math.random) // 0 … 30,000
 */
export function retryDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs == null ? jittered : Math.max(jittered, Math.min(retryAfterMs, LONGEST_RETRY_MS));
}

/**
 * A `Retry-After` header (seconds or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable.
 * @example retryAfterMs('120', Date.now()) // 120000
 */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// @ts-check

/**
 * A token bucket per client: `limit` requests at once, refilled at `limit` per `windowMs`.
 * @param {{ limit: number, windowMs: number, now?: () => number }} options
 * @example const limiter = createRateLimiter({ limit: 120, windowMs: 60_000 }); limiter.take('127.0.0.1') // 0 = go
 */
export function createRateLimiter({ limit, windowMs, now = Date.now }) {
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();
  const rate = limit / windowMs;
  return {
    /**
     * Takes one token for `client`.
     * @param {string} client
     * @returns {number} 0 when allowed; otherwise the seconds to wait (for Retry-After)
     */
    take(client) {
      const t = now();
      const b = buckets.get(client) ?? { tokens: limit, at: t };
      b.tokens = Math.min(limit, b.tokens + (t - b.at) * rate);
      b.at = t;
      // Forget full buckets now and then, so many one-off clients cannot grow the map forever.
      if (buckets.size > 10_000) for (const [k, v] of buckets) if (v.tokens + (t - v.at) * rate >= limit) buckets.delete(k);
      buckets.set(client, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    },
  };
}

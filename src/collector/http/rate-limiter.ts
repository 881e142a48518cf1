/** Options of {@link createRateLimiter}. */
export interface RateLimit {
  /** Requests a client may make at once; the bucket refills at `limit` per `windowMs`. */
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Takes one token for `client`: 0 when allowed, else the seconds to wait (for Retry-After). */
  take(client: string): number;
  /** The seconds `client` must wait before its next token, without taking one (0: it has one). */
  wait(client: string): number;
}

/**
 * A token bucket per client: `limit` requests at once, refilled at `limit` per `windowMs`.
 * @example const limiter = createRateLimiter({ limit: 120, windowMs: 60_000 }); limiter.take('127.0.0.1') // 0 = go
 */
export function createRateLimiter({ limit, windowMs }: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = limit / windowMs;
  const refill = (client: string) => {
    const time = now();
    const bucket = buckets.get(client) ?? { tokens: limit, at: time };
    bucket.tokens = Math.min(limit, bucket.tokens + (time - bucket.at) * rate);
    bucket.at = time;
    // Forget full buckets now and then, so many one-off clients cannot grow the map forever.
    if (buckets.size > 10_000)
      for (const [otherClient, otherBucket] of buckets)
        if (otherBucket.tokens + (time - otherBucket.at) * rate >= limit) buckets.delete(otherClient);
    buckets.set(client, bucket);
    return bucket;
  };
  const secondsToWait = (tokens: number) => (tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / rate / 1000)));
  return {
    take(client) {
      const bucket = refill(client);
      const wait = secondsToWait(bucket.tokens);
      if (!wait) bucket.tokens -= 1;
      return wait;
    },
    wait: (client) => secondsToWait(refill(client).tokens),
  };
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·2^attempt)) ms, so
 * many clients coming back at once spread out instead of retrying in step.
 * @param attempt failed attempts before this one (0 for the first retry)
 * @param random uniform in [0, 1)
 * @default base 1000 ms, cap 300000 ms (5 min)
 */
export const backoff = (attempt: number, random: () => number, base = 1e3, cap = 3e5): number =>
  random() * Math.min(cap, base * 2 ** attempt);

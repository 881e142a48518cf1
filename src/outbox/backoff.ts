import { BACKOFF_CAP } from './delivery-state';

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(5 min, 1 s·2^attempt)) ms, so
 * many clients coming back at once spread out instead of retrying in step.
 * @param attempt failed attempts before this one (0 for the first retry)
 * @param random uniform in [0, 1)
 */
export const backoff = (attempt: number, random: () => number): number =>
  random() * Math.min(BACKOFF_CAP, 1e3 * 2 ** attempt);

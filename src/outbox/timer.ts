/** The longest delay a browser timer holds; a longer one would overflow 32 bits and run at once. */
const LONGEST = 2 ** 31 - 1;

/**
 * `setTimeout` that never keeps a Node process alive (server rendering must be able to exit) and
 * never overflows: the delay is clamped to [0, 2^31 - 1] ms.
 */
export function startTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(fn, Math.min(Math.max(ms, 0), LONGEST));
  (timer as { unref?(): void }).unref?.();
  return timer;
}

/** `promise`, or a rejection with `error` after `ms`, whichever comes first. */
export const within = <T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = startTimer(() => reject(error()), ms);
    promise.finally(() => clearTimeout(timer)).then(resolve, reject);
  });

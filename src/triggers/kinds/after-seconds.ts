import type { TriggerCondition } from '../trigger-condition';

/** The part of `document` that tells whether the page is visible. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Timers, a monotonic clock and the page's visibility; `window` is one. Tests pass fakes. */
export interface TimerHost {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  performance: { now(): number };
  document: VisibilitySource;
}

/**
 * Calls `done` once the page has been visible for `ms` in total: time while the page is hidden does
 * not count. The timeout and the visibility listener exist only until it fires or is cancelled.
 * Returns the cancel function.
 * @example const cancel = visibleTimer(60_000, () => show(), window);
 */
export function visibleTimer(ms: number, done: () => void, host: TimerHost): () => void {
  const { document } = host;
  let remaining = ms;
  let startedAt = 0;
  let timeout: number | undefined;

  const pause = () => {
    host.clearTimeout(timeout);
    if (timeout !== undefined) remaining -= host.performance.now() - startedAt;
    timeout = undefined;
  };
  const resume = () => {
    if (timeout !== undefined) return;
    startedAt = host.performance.now();
    // Browsers run longer timeouts at once; past 2^31-1 ms (24.8 days) "later" may as well be never.
    timeout = host.setTimeout(fire, Math.min(remaining, 2 ** 31 - 1));
  };
  const onVisibilityChange = () => (document.visibilityState === 'hidden' ? pause() : resume());
  const cancel = () => {
    pause();
    document.removeEventListener('visibilitychange', onVisibilityChange);
  };
  function fire() {
    timeout = undefined;
    cancel();
    done();
  }

  document.addEventListener('visibilitychange', onVisibilityChange);
  onVisibilityChange();
  return cancel;
}

/**
 * The `afterSeconds` kind: once the trigger entered a page view, that page has to be visible for
 * `seconds` (hidden time does not count); the timer exists only while the trigger waits for it.
 * @example afterSecondsCondition(60, window)
 */
export const afterSecondsCondition = (seconds: number | undefined, host: TimerHost): TriggerCondition | undefined =>
  seconds ? { wait: (holds) => visibleTimer(seconds * 1000, holds, host) } : undefined;

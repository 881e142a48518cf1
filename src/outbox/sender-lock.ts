import { startTimer } from './timer';

/** What `run` gives back when another tab holds the lock and we did not want to wait. */
export const BUSY = Symbol('busy');

/**
 * One sender per origin through Web Locks, degrading to lease-only mode (every tab may send; the
 * records' leases keep them from sending the same record) when the lock manager is missing,
 * throws, or never answers an `ifAvailable` request within `grantTimeout`. A waiting request that
 * is not granted within `waitTimeout` runs without the lock once (the leases still hold).
 */
export function senderLock(
  locks: Pick<LockManager, 'request'> | undefined,
  name: string,
  grantTimeout: number,
  waitTimeout: number,
) {
  let broken = !locks;
  return {
    run<T>(wait: boolean, fn: () => Promise<T>): Promise<T | typeof BUSY> {
      if (broken || !locks) return fn();
      return new Promise<T | typeof BUSY>((resolve, reject) => {
        let settled = false;
        const settle = (value: Promise<T | typeof BUSY>) => {
          settled = true;
          clearTimeout(timer);
          value.then(resolve, reject);
          return value;
        };
        // Cleared when settled, so it only ever fires while nothing ran.
        const timer = startTimer(
          () => {
            if (!wait) broken = true;
            settle(fn());
          },
          wait ? waitTimeout : grantTimeout,
        );
        try {
          locks
            .request(name, { ifAvailable: !wait }, (lock) => {
              // Granted after we gave up waiting: release it at once, the work already ran.
              if (settled) return;
              return settle(lock ? fn() : Promise.resolve(BUSY));
            })
            .catch(() => {
              if (settled) return;
              broken = true;
              settle(fn());
            });
        } catch {
          broken = true;
          settle(fn());
        }
      });
    },
  };
}

/** One sender per origin (see {@link senderLock}). */
export type SenderLock = ReturnType<typeof senderLock>;

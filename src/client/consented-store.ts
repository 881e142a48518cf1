import { NpsError } from '../core/errors';
import { kvStore, type ErasableKvStore } from '../outbox/kv-store';

/** What a write gets once consent is withdrawn: nothing is stored. */
export const consentWithdrawn = () => new NpsError('storage-failed', 'consent was withdrawn; nothing is stored');

/**
 * The client's store, under consent. Work that began before a withdrawal (a `show()` still
 * deciding, the warm-up reading the anonymous id, a batch in flight) must not write after the
 * erase, or the device keeps what the visitor asked to remove: writes are refused and reads find
 * nothing while consent is not given, `erase()` waits for the writes already under way, and what comes after the erase
 * (consent given again) waits for it to finish. Every write goes through `updateMany` (see kvStore).
 * @param allowed whether consent is given right now
 * @example const store = consentedStore(openStore(report), () => granted);
 */
export function consentedStore(store: ErasableKvStore, allowed: () => boolean): ErasableKvStore {
  let erased: Promise<unknown> = Promise.resolve();
  const writing = new Set<Promise<unknown>>();
  // A failed erase was reported where it was started; later operations still run.
  const afterErase = <T>(op: () => Promise<T>) => erased.then(op, op);
  return {
    // Reads too leave a withdrawn store alone: an IndexedDB read would re-create the erased database.
    ...kvStore(
      (key) => afterErase(async () => (allowed() ? store.get(key) : undefined)),
      (keys, fn) => {
        if (!allowed()) return Promise.reject(consentWithdrawn());
        const done = afterErase(() => store.updateMany(keys, fn));
        const forget = () => void writing.delete(done);
        writing.add(done);
        done.then(forget, forget);
        return done;
      },
      (prefix) => afterErase(async () => (allowed() ? store.entries(prefix) : [])),
    ),
    erase() {
      const done = Promise.allSettled(writing).then(() => store.erase());
      erased = done;
      return done;
    },
  };
}

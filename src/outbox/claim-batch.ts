import type { ResponseRecord } from '../core/wire';
import { DELIVERY_STATE, RECORD, toEnvelope, type Envelope } from './envelope';
import type { KvStore } from './kv-store';

/**
 * Whether a live sender owns `e` at `at`, where a lease lasts `lease` ms: its lease ends after `at`
 * and within two leases of it. A tab that read the clock a moment after ours may hold a lease ending a
 * little past `at + lease`, hence the second lease of slack; a lease ending further out was not set
 * on this clock (the clock was set back, or a wrong clock wrote it), so it counts as run out rather
 * than hold the record for weeks. A record never leased is not.
 */
export const isLeased = ({ leasedUntil = 0 }: Envelope, at: number, lease: number): boolean =>
  leasedUntil > at && leasedUntil <= at + 2 * lease;

/**
 * The claim step: leases a batch in one transaction, taking only records no live sender owns, at
 * their stored version (a newer version written since the queue was read is the one sent). The same
 * transaction reads the shared delivery state, passed to `onState`, so a Retry-After another tab
 * learnt meanwhile holds.
 */
export async function claimBatch(
  store: KvStore,
  free: ResponseRecord[],
  at: number,
  until: number,
  onState: (stored: unknown) => void,
): Promise<ResponseRecord[]> {
  const claimed = new Map<string, ResponseRecord>();
  await store.updateMany<unknown>([DELIVERY_STATE, ...Array.from(free, (r) => RECORD + r.id)], (current, key) => {
    if (key === DELIVERY_STATE) {
      onState(current);
      return current;
    }
    const e = toEnvelope(current);
    if (!e || isLeased(e, at, until - at)) return current;
    claimed.set(key, e.record);
    return { ...e, leasedUntil: until };
  });
  return [...claimed.values()];
}

/** Gives back, in one transaction, what a lease ending at `until` took and could not deliver. */
export const releaseBatch = (store: KvStore, records: ResponseRecord[], until: number): Promise<void> =>
  store.updateMany<unknown>(
    Array.from(records, (r) => RECORD + r.id),
    (current) => {
      const e = toEnvelope(current);
      return e && e.leasedUntil === until ? { ...e, leasedUntil: 0 } : current;
    },
  );

import type { ResponseRecord } from '../core/wire';
import { DEAD_LETTER, DELIVERY_STATE, RECORD, toEnvelope, type Envelope } from './envelope';
import type { KvStore } from './kv-store';

/**
 * Whether a live sender owns `e` at `at`, where a lease lasts `lease` ms: its lease ends after `at`
 * and within two leases of it. A tab that read the clock a moment after ours may hold a lease ending a
 * little past `at + lease`, hence the second lease of slack; a lease ending further out was not set
 * on this clock (the clock was set back, or a wrong clock wrote it), so it counts as run out rather
 * than hold the record for weeks.
 */
export const isLeased = (e: Envelope, at: number, lease: number): boolean =>
  e.leasedUntil! > at && e.leasedUntil! <= at + 2 * lease;

/**
 * Leases a batch in one transaction: only records no live sender owns, at their stored version
 * (a newer version written since the queue was read is the one sent). The same transaction reads
 * the shared delivery state, passed to `onState`, so a Retry-After another tab learnt meanwhile holds.
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
    if (key == DELIVERY_STATE) return (onState(current), current);
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
      return e && e.leasedUntil == until ? { ...e, leasedUntil: 0 } : current;
    },
  );

/**
 * Settles a sent batch in one transaction: deletes the versions sent (a newer one written
 * meanwhile survives and goes out next) and keeps the refused ones aside as dead letters.
 * `onDeleted` gets each record key removed.
 */
export function confirmBatch(
  store: KvStore,
  sent: ResponseRecord[],
  refused: Map<string, string>,
  onDeleted: (key: string) => void,
): Promise<void> {
  const versions = new Map<string, string>();
  const dead = new Map<string, Envelope>();
  for (const r of sent) {
    versions.set(RECORD + r.id, r.updatedAt);
    if (refused.has(r.id)) dead.set(DEAD_LETTER + r.id, { format: 2, record: r, error: refused.get(r.id)! });
  }
  return store.updateMany<unknown>([...versions.keys(), ...dead.keys()], (current, key) => {
    if (dead.has(key)) return dead.get(key);
    if (toEnvelope(current)?.record.updatedAt != versions.get(key)) return current;
    onDeleted(key);
    return undefined;
  });
}

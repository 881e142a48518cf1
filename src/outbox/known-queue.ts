import type { ResponseRecord } from '../core/wire';
import { isLeased } from './claim-batch';
import type { DeliveryLoop } from './delivery-loop';
import { type Envelope, RECORD, readEnvelopes, toEnvelope } from './envelope';
import { evict } from './evict';
import type { KvStore } from './kv-store';
import { takeBatch } from './take-batch';

/** Reads the queue from storage into what this tab knows, evicting what is over the caps (in one transaction). */
export async function loadQueue(loop: DeliveryLoop): Promise<void> {
  const { store } = loop;
  loop.queue = new Map(await evict(store, await readEnvelopes(store, RECORD), loop.now(), loop.onError));
}

/**
 * What this tab may send at `at`, as one batch: queued records not leased to a live sender (this
 * tab's own leases are in storage only, so page hide includes what the loop is sending).
 */
export const readyBatch = (loop: DeliveryLoop, at: number): ResponseRecord[] =>
  takeBatch(
    Array.from(
      [...loop.queue.values()].filter((e) => !isLeased(e, at, loop.lease)),
      (e) => e.record,
    ),
  );

/**
 * Commits `record` unless a newer version of it is stored (a stale version arriving late never
 * replaces a newer one), and sets what is stored in `queue`.
 */
export async function storeRecord(store: KvStore, queue: Map<string, Envelope>, record: ResponseRecord): Promise<void> {
  const key = RECORD + record.id;
  let stored: Envelope = { format: 2, record };
  await store.update<unknown>(key, (current) => {
    const newer = toEnvelope(current);
    if (newer && newer.record.updatedAt > record.updatedAt) {
      stored = newer;
      return current;
    }
    return stored;
  });
  queue.set(key, stored);
}

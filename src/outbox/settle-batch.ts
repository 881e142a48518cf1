import { NpsError } from '../core/errors';
import { ERASED, type ResponseRecord } from '../core/wire';
import type { DeliveryLoop } from './delivery-loop';
import { DEAD_LETTER, RECORD, toEnvelope, type Envelope } from './envelope';
import { capDeadLetters } from './evict';

/**
 * The settle step, once the server answered for a batch: in one transaction, deletes the versions
 * sent (a newer one written meanwhile survives and goes out next) and keeps the refused ones aside
 * as dead letters; then reports each refused record as `record-rejected` (a dead letter is never
 * silent) and keeps the dead letters under their cap. A record refused as `erased` (its user was
 * erased on the server) is final: deleted like a delivered one, with no dead letter and no event.
 * @param refused the refused records' ids, each with the server's reason
 */
export async function settleBatch(
  loop: DeliveryLoop,
  sent: ResponseRecord[],
  refused: Map<string, string>,
): Promise<void> {
  const { store } = loop;
  const versions = new Map<string, string>();
  const dead = new Map<string, Envelope>();
  for (const r of sent) {
    versions.set(RECORD + r.id, r.updatedAt);
    const error = refused.get(r.id);
    if (error !== undefined && error !== ERASED) dead.set(DEAD_LETTER + r.id, { format: 2, record: r, error });
  }
  await store.updateMany<unknown>([...versions.keys(), ...dead.keys()], (current, key) => {
    if (dead.has(key)) return dead.get(key);
    if (toEnvelope(current)?.record.updatedAt !== versions.get(key)) return current;
    loop.queue.delete(key);
    return undefined;
  });
  if (!dead.size) return;
  for (const { record, error } of dead.values())
    loop.onError(new NpsError('record-rejected', `${record.id} refused: ${error}`, { id: record.id, error }));
  await capDeadLetters(store, loop.onError);
}

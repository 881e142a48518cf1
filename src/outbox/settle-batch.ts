import { NpsError } from '../core/errors';
import type { ResponseRecord } from '../core/wire';
import type { DeliveryLoop } from './delivery-loop';
import { DEAD_LETTER, RECORD, toEnvelope, type Envelope } from './envelope';
import { capDeadLetters } from './evict';

/**
 * The settle step, once the server answered for a batch: in one transaction, deletes the versions
 * sent (a newer one written meanwhile survives and goes out next) and keeps the refused ones aside
 * as dead letters; then reports each refused record as `record-rejected` (a dead letter is never
 * silent) and keeps the dead letters under their cap.
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
    if (refused.has(r.id)) dead.set(DEAD_LETTER + r.id, { format: 2, record: r, error: refused.get(r.id) as string });
  }
  await store.updateMany<unknown>([...versions.keys(), ...dead.keys()], (current, key) => {
    if (dead.has(key)) return dead.get(key);
    if (toEnvelope(current)?.record.updatedAt !== versions.get(key)) return current;
    loop.queue.delete(key);
    return undefined;
  });
  if (!refused.size) return;
  for (const { id } of sent)
    if (refused.has(id))
      loop.onError(
        new NpsError('record-rejected', `${id} refused: ${refused.get(id)}`, { id, error: refused.get(id) }),
      );
  await capDeadLetters(store, loop.onError);
}

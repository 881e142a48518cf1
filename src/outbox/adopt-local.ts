import { newer, toEnvelope } from './envelope';
import type { ErasableKvStore, KvStore } from './kv-store';

/**
 * What stays when IndexedDB (`kept`) and localStorage (`left`) both hold a key: the newer record
 * version; for two objects that are not records (user state `{ answeredAt, dismissedAt }`, the
 * delivery state) each field's greater value, as their fields are times (and counts) that tabs only
 * move forward: an answer stored on the fallback still throttles. Anything else keeps IndexedDB's.
 */
function merge(kept: unknown, left: unknown): unknown {
  if (toEnvelope(kept) || typeof left !== 'object') return newer(kept, left);
  const fields = left as Record<string, number>;
  const merged = { ...fields, ...(kept as Record<string, number>) };
  for (const field in fields)
    if ((fields[field] as number) > (merged[field] as number)) merged[field] = fields[field] as number;
  return merged;
}

/**
 * Moves what a past page had to leave in localStorage (`local`) into `store` (IndexedDB, once it
 * works again), merging each key with what `store` holds. A tab still on the fallback may write a
 * key again meanwhile: only what was merged is removed from localStorage. A localStorage that cannot
 * be read has nothing to give.
 */
export async function adoptLocal(store: KvStore, local: () => ErasableKvStore): Promise<void> {
  let from: ErasableKvStore;
  let list: [string, unknown][];
  try {
    from = local();
    list = await from.entries('');
  } catch {
    return;
  }
  if (!list.length) return;
  const incoming = new Map(list);
  await store.updateMany<unknown>([...incoming.keys()], (kept, key) => merge(kept, incoming.get(key)));
  await from.updateMany<unknown>([...incoming.keys()], (now, key) =>
    JSON.stringify(now) === JSON.stringify(incoming.get(key)) ? undefined : now,
  );
}

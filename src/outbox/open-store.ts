import { NpsError } from '../core/errors';
import { newer, toEnvelope } from './envelope';
import { idbKvStore } from './idb-kv-store';
import { kvStore, memoryKvStore, type ErasableKvStore, type KvStore } from './kv-store';
import { localKvStore } from './local-kv-store';
import { within } from './timer';

type Layer = () => ErasableKvStore;

/**
 * What stays when IndexedDB (`kept`) and localStorage (`left`) both hold a key: the newer record
 * version; for two objects that are not records (user state `{ answeredAt, dismissedAt }`, the
 * delivery state) each field's greater value, as their fields are times (and counts) that tabs only
 * move forward: an answer stored on the fallback still throttles. Anything else keeps IndexedDB's.
 */
function merge(kept: unknown, left: unknown): unknown {
  if (toEnvelope(kept) || typeof left != 'object') return newer(kept, left);
  const fields = left as Record<string, number>;
  const merged = { ...fields, ...(kept as Record<string, number>) };
  for (const field in fields) if (fields[field]! > merged[field]!) merged[field] = fields[field]!;
  return merged;
}

/**
 * The default store, which never stops working: IndexedDB (its own database, `nps-widget`),
 * reopened once if it fails after having worked (a connection closed mid-session), then
 * localStorage, then memory. Every operation that fails, hangs past `timeout` (a blocked or
 * hanging `open`) or runs over quota is retried on the next layer, and each move to a new kind of
 * storage is reported as `storage-fallback`. Records a past page had to leave in localStorage move
 * back into IndexedDB once it works again.
 *
 * Nothing touches the device until the first operation: no database is created and no key is
 * written by calling `openStore`, so a client can hold one before the user consents.
 * `erase()` removes everything the widget stored on this device, in every layer.
 * @param onError receives the `storage-fallback` reports
 * @example const store = openStore((e) => console.warn(e.message));
 */
export function openStore(
  onError: (e: NpsError) => void,
  idb: Layer = idbKvStore,
  local: Layer = localKvStore,
  /** @default 2000 */
  timeout = 2000,
): ErasableKvStore {
  const memory = memoryKvStore();
  const layers = [idb, idb, local, () => memory];
  let layer = 0;
  let worked = false;
  let current: ErasableKvStore | undefined;
  let adopted: Promise<void> | undefined;
  const timedOut = () => Error('timeout');
  const adopt = async (store: KvStore) => {
    let from: ErasableKvStore, list: [string, unknown][];
    try {
      list = await (from = local()).entries('');
    } catch {
      return;
    }
    if (!list.length) return;
    const incoming = new Map(list);
    await store.updateMany<unknown>([...incoming.keys()], (kept, key) => merge(kept, incoming.get(key)));
    // A tab still on the fallback may have written a key again meanwhile: only what was merged goes.
    await from.updateMany<unknown>([...incoming.keys()], (now, key) =>
      JSON.stringify(now) == JSON.stringify(incoming.get(key)) ? undefined : now,
    );
  };
  const run = async <T>(op: (store: KvStore) => Promise<T>): Promise<T> => {
    // Every promise that resolves with an object would call the page's `then` instead: no layer
    // can work, so say why at once rather than after every layer timed out.
    if (typeof (Object.prototype as { then?: unknown }).then == 'function')
      throw new NpsError(
        'storage-failed',
        'the page defines Object.prototype.then, which breaks every promise that carries a stored value; nothing is stored',
      );
    for (;;) {
      const at = layer;
      try {
        const store = (current ??= layers[layer]!());
        if (!layer) await within((adopted ??= adopt(store)), timeout, timedOut);
        const value = await within(op(store), timeout, timedOut);
        worked ||= layer < 2;
        return value;
      } catch (e) {
        if (at == 3) throw new NpsError('storage-failed', 'could not store', e);
        // Concurrent failures of the same layer move down one layer, not one each.
        if (at == layer) {
          current = undefined;
          // Reopen IndexedDB only if it ever worked; a first open that failed or hung won't do better.
          layer += !layer && !worked ? 2 : 1;
          if (layer > 1)
            onError(
              new NpsError('storage-fallback', 'storage fell back to ' + (layer > 2 ? 'memory' : 'localStorage'), e),
            );
        }
      }
    }
  };
  return {
    ...kvStore(
      (key) => run((store) => store.get(key)),
      (keys, fn) => run((store) => store.updateMany(keys, fn)),
      (prefix) => run((store) => store.entries(prefix)),
    ),
    async erase() {
      // The IndexedDB layer in use closes its own connection before deleting the database.
      const stores = [(layer < 2 && current) || idb(), local(), memory];
      current = undefined;
      layer = 0;
      worked = false;
      adopted = undefined;
      // IndexedDB first: its deletion closes this tab's connection (and asks other tabs to close theirs).
      const results = await Promise.allSettled(
        Array.from(stores, (store) =>
          within(store.erase(), timeout, () => Error('erase timed out (another tab keeps the database open)')),
        ),
      );
      const failed = results.filter((r): r is PromiseRejectedResult => r.status == 'rejected');
      if (failed.length)
        throw new NpsError(
          'storage-failed',
          'could not erase everything stored on this device',
          Array.from(failed, (r) => r.reason),
        );
    },
  };
}

import { NpsError } from '../core/errors';
import { idbKvStore } from './idb-kv-store';
import { kvStore, memoryKvStore, type ErasableKvStore } from './kv-store';
import { type Layer, layerChain } from './layer-chain';
import { localKvStore } from './local-kv-store';
import { within } from './timer';

/** Erases every store, each within `timeout`; rejects with every failure once all have settled. */
async function eraseAll(stores: ErasableKvStore[], timeout: number): Promise<void> {
  const results = await Promise.allSettled(
    Array.from(stores, (store) =>
      within(store.erase(), timeout, () => Error('erase timed out (another tab keeps the database open)')),
    ),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length)
    throw new NpsError(
      'storage-failed',
      'could not erase everything stored on this device',
      Array.from(failed, (r) => r.reason),
    );
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
  const [run, restart] = layerChain([idb, idb, local, () => memory], timeout, onError);
  return {
    ...kvStore(
      (key) => run((store) => store.get(key)),
      (keys, fn) => run((store) => store.updateMany(keys, fn)),
      (prefix) => run((store) => store.entries(prefix)),
    ),
    // IndexedDB first (the layer in use closes its own connection before deleting the database):
    // its deletion closes this tab's connection, and asks other tabs to close theirs.
    erase: async () => eraseAll([restart() || idb(), local(), memory], timeout),
  };
}

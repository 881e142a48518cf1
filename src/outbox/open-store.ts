import type { NpsError } from '../core/errors';
import { adoptLocal } from './adopt-local';
import type { ErasableKvStore, KvStore } from './kv-store';
import type { FindAdoption, Layer } from './layer-chain';
import { openStoreChain } from './open-store-chain';

/** What a past page had to leave in localStorage, moved by adoptLocal; a localStorage that cannot be read has nothing to give. */
const adoptionBuiltIn: FindAdoption = async (local) => {
  let from: KvStore;
  let left: [string, unknown][];
  try {
    from = local();
    left = await from.entries('');
  } catch {
    return undefined;
  }
  return left.length ? (store) => adoptLocal(store, from, left) : undefined;
};

/**
 * The default store ({@link openStoreChain}: IndexedDB, reopened once, then localStorage, then
 * memory) with the localStorage adoption built in: records a past page had to leave in localStorage
 * move back into IndexedDB before its first operation. The SDK itself uses openStoreChain with an
 * adoption it loads only when localStorage holds widget keys, which keeps adoptLocal out of nps.js.
 * @param onError receives the `storage-fallback` reports
 * @example const store = openStore((e) => console.warn(e.message));
 */
export const openStore = (
  onError: (e: NpsError) => void,
  idb?: Layer,
  local?: Layer,
  timeout?: number,
): ErasableKvStore => openStoreChain(onError, adoptionBuiltIn, idb, local, timeout);

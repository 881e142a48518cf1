import type { NpsError } from '../core/errors';
import { adoptLocal } from './adopt-local';
import type { ErasableKvStore } from './kv-store';
import type { Layer } from './layer-chain';
import { openStoreChain } from './open-store-chain';

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
): ErasableKvStore => openStoreChain(onError, async () => adoptLocal, idb, local, timeout);

import { idbKvStore, memoryKvStore, type KvStore } from './kv-store';

/** The default store: IndexedDB where the browser has it, else memory. */
export function openStore(): KvStore {
  return typeof indexedDB == 'object' && indexedDB ? idbKvStore() : memoryKvStore();
}

import { syncKvStore, type KvStore } from './kv-store';

/**
 * A store in `localStorage` (JSON values, keys prefixed `nps:`): the fallback when IndexedDB fails.
 * Throws on creation where the page may not use localStorage, and on writes over its quota, so the
 * store chain ({@link openStore}) moves on to memory.
 */
export function localKvStore(ls: Storage = localStorage, p = 'nps:'): KvStore {
  return syncKvStore(
    (k) => {
      const v = ls.getItem(k);
      return v == null ? undefined : JSON.parse(v);
    },
    (k, v) => (v === undefined ? ls.removeItem(k) : ls.setItem(k, JSON.stringify(v))),
    // A Storage's own enumerable properties are exactly its item keys.
    () => Object.keys(ls),
    p,
  );
}

import { syncKvStore, type ErasableKvStore } from './kv-store';

/** The prefix of every localStorage key the widget writes. */
const LOCAL_PREFIX = 'nps:';

/**
 * A store in `localStorage` (JSON values, keys prefixed `nps:`): the fallback when IndexedDB fails.
 * Throws where the page may not use localStorage, and on writes over its quota, so the store
 * chain ({@link openStore}) moves on to memory. Nothing touches localStorage before the first
 * operation. `erase` removes every `nps:` key.
 */
export function localKvStore(storage: () => Storage = () => localStorage, prefix = LOCAL_PREFIX): ErasableKvStore {
  const store = syncKvStore(
    (key) => {
      const value = storage().getItem(key);
      return value == null ? undefined : JSON.parse(value);
    },
    (key, value) => (value === undefined ? storage().removeItem(key) : storage().setItem(key, JSON.stringify(value))),
    // A Storage's own enumerable properties are exactly its item keys.
    () => Object.keys(storage()),
    prefix,
  );
  return {
    ...store,
    async erase() {
      try {
        storage();
      } catch {
        // A page that may not use localStorage never stored anything in it.
        return;
      }
      await store.erase();
    },
  };
}

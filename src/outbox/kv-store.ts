/**
 * The small async key-value store that user state and the outbox live in. Every implementation
 * (IndexedDB, localStorage, memory, test fakes) keeps these semantics: `update` is an atomic
 * read-modify-write, returning `undefined` from an updater deletes the key, and `updateMany`
 * applies one updater to several keys in a single atomic step (one IndexedDB transaction).
 */
export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  update<T>(key: string, fn: (old: T | undefined) => T | undefined): Promise<void>;
  /** `fn` sees each key's current value and returns its new one, all in one atomic step. */
  updateMany<T>(keys: string[], fn: (old: T | undefined, key: string) => T | undefined): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<[string, T][]>;
}

/** A store that can also remove everything it ever wrote on this device (consent withdrawn). */
export interface ErasableKvStore extends KvStore {
  erase(): Promise<void>;
}

/**
 * A whole store from its `get`, `updateMany` and `entries`: `update`, `set` and `del` are
 * one-key updates, so every implementation (and the fallback chain) writes through one atomic path.
 */
export const kvStore = (
  get: KvStore['get'],
  updateMany: KvStore['updateMany'],
  entries: KvStore['entries'],
): KvStore => ({
  get,
  updateMany,
  entries,
  update: (key, fn) => updateMany([key], fn),
  set: (key, value) => updateMany([key], () => value),
  del: (key) => updateMany([key], () => undefined),
});

/**
 * A store over synchronous `read`, `write` (undefined deletes) and `keys` (every key the backing
 * holds; this store's keys are those that start with `prefix`): memory and localStorage. Being
 * synchronous, its updates are atomic within the tab. `erase` removes every key with the prefix.
 */
export function syncKvStore(
  read: (key: string) => unknown,
  write: (key: string, value?: unknown) => void,
  keys: () => string[],
  prefix = '',
): ErasableKvStore {
  const own = () => keys().filter((key) => key.startsWith(prefix));
  return {
    ...kvStore(
      async (key) => read(prefix + key) as never,
      async (list, fn) => {
        // Compute every new value before writing any, so an updater that throws changes nothing.
        const next = Array.from(list, (key) => fn(read(prefix + key) as never, key));
        list.forEach((key, i) => {
          write(prefix + key, next[i]);
        });
      },
      async (start) =>
        Array.from(
          keys()
            .filter((key) => key.startsWith(prefix + start))
            .sort(),
          (key) => [key.slice(prefix.length), read(key)],
        ) as never,
    ),
    erase: async () => {
      for (const key of own()) write(key);
    },
  };
}

/**
 * A store in memory: the last fallback when nothing persists, and the fake for tests.
 * Values are structured-cloned, as IndexedDB would, so callers never share objects with it.
 */
export function memoryKvStore(): ErasableKvStore {
  const map = new Map<string, unknown>();
  return syncKvStore(
    (key) => structuredClone(map.get(key)),
    (key, value) => (value === undefined ? map.delete(key) : map.set(key, structuredClone(value))),
    () => [...map.keys()],
  );
}

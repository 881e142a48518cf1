import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';

/**
 * The small async key-value store that user state and the outbox live in. Every implementation
 * (IndexedDB, localStorage, memory, test fakes) keeps these semantics: `update` is an atomic
 * read-modify-write, and returning `undefined` from its updater deletes the key.
 */
export interface KvStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  update<T>(key: string, fn: (old: T | undefined) => T | undefined): Promise<void>;
  del(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<[string, T][]>;
}

/**
 * A store in memory: the last fallback when nothing persists, and the fake for tests.
 * Values are structured-cloned, as IndexedDB would, so callers never share objects with it.
 */
export function memoryKvStore(map = new Map<string, unknown>()): KvStore {
  const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
  return {
    get: async (k) => clone(map.get(k)) as never,
    set: async (k, v) => void map.set(k, clone(v)),
    update: async (k, fn) => {
      const v = fn(clone(map.get(k)) as never);
      v === undefined ? map.delete(k) : map.set(k, clone(v));
    },
    del: async (k) => void map.delete(k),
    entries: async (prefix) =>
      [...map].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, clone(v)]) as never,
  };
}

/**
 * A store in its own IndexedDB database through idb-keyval, shared by every tab of the origin.
 * @default database 'nps-widget', object store 'kv'
 */
export function idbKvStore(db = 'nps-widget', name = 'kv'): KvStore {
  const s: UseStore = createStore(db, name);
  return {
    get: (k) => get(k, s),
    set: (k, v) => set(k, v, s),
    // idb-keyval's update cannot delete; an undefined result is stored as a tombstone-free delete after.
    update: async (k, fn) => {
      let gone = false;
      await update(k, (old) => {
        const v = fn(old as never);
        gone = v === undefined;
        return v;
      }, s);
      if (gone) await del(k, s);
    },
    del: (k) => del(k, s),
    entries: async (prefix) =>
      (await entries(s)).filter(([k]) => String(k).startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)) as never,
  };
}

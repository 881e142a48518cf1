import { createStore, promisifyRequest } from 'idb-keyval';

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
 * A whole store from its `get`, `update` and `entries`: `set` and `del` are updates, so every
 * implementation (and the fallback chain) writes through one atomic path.
 */
export const kvStore = (get: KvStore['get'], update: KvStore['update'], entries: KvStore['entries']): KvStore => ({
  get,
  update,
  entries,
  set: (k, v) => update(k, () => v),
  del: (k) => update(k, () => undefined),
});

/**
 * A store over synchronous `read`, `write` (undefined deletes) and `keys` (every key the backing
 * holds; this store's keys are those that start with `p`): memory and localStorage. Being
 * synchronous, its `update` is atomic within the tab.
 */
export const syncKvStore = (read: (k: string) => unknown, write: (k: string, v?: unknown) => void, keys: () => string[], p = ''): KvStore =>
  kvStore(
    async (k) => read(p + k) as never,
    async (k, fn) => write(p + k, fn(read(p + k) as never)),
    async (q) =>
      keys()
        .filter((k) => k.startsWith(p + q))
        .sort()
        .map((k) => [k.slice(p.length), read(k)]) as never,
  );

/**
 * A store in memory: the last fallback when nothing persists, and the fake for tests.
 * Values are structured-cloned, as IndexedDB would, so callers never share objects with it.
 */
export function memoryKvStore(): KvStore {
  const map = new Map<string, unknown>();
  return syncKvStore(
    (k) => structuredClone(map.get(k)),
    (k, v) => (v === undefined ? map.delete(k) : map.set(k, structuredClone(v))),
    () => [...map.keys()],
  );
}

/**
 * A store in its own IndexedDB database through idb-keyval, shared by every tab of the origin.
 * `update` reads, decides and writes (or deletes) inside one readwrite transaction, so two tabs
 * can never interleave between the read and the write.
 * @default database 'nps-widget', object store 'kv'
 */
export function idbKvStore(db = 'nps-widget', name = 'kv'): KvStore {
  const s = createStore(db, name);
  return kvStore(
    (k) => s('readonly', (st) => promisifyRequest(st.get(k))),
    // Resolves when the transaction commits, not when the write is merely queued.
    (k, fn) =>
      s('readwrite', (st) => {
        st.get(k).onsuccess = function () {
          const v = fn(this.result);
          v === undefined ? st.delete(k) : st.put(v, k);
        };
        return promisifyRequest(st.transaction);
      }),
    // A key range reads only this prefix, not the whole database.
    (p) =>
      s('readonly', (st) => {
        const r = IDBKeyRange.bound(p, p + '\uffff');
        return Promise.all([promisifyRequest(st.getAllKeys(r)), promisifyRequest(st.getAll(r))]);
      }).then(([k, v]) => k.map((x, i) => [x, v[i]]) as never),
  );
}

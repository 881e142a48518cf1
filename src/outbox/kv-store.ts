import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

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
 * A store over synchronous `read`, `write` (undefined deletes) and `keys`: memory and localStorage.
 * Being synchronous, its `update` is atomic within the tab.
 */
export function syncKvStore(read: (k: string) => unknown, write: (k: string, v?: unknown) => void, keys: () => string[]): KvStore {
  return {
    get: async (k) => read(k) as never,
    set: async (k, v) => write(k, v),
    update: async (k, fn) => write(k, fn(read(k) as never)),
    del: async (k) => write(k),
    entries: async (p) =>
      keys()
        .filter((k) => k.startsWith(p))
        .sort()
        .map((k) => [k, read(k)]) as never,
  };
}

/**
 * A store in memory: the last fallback when nothing persists, and the fake for tests.
 * Values are structured-cloned, as IndexedDB would, so callers never share objects with it.
 */
export function memoryKvStore(map = new Map<string, unknown>()): KvStore {
  const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
  return syncKvStore(
    (k) => clone(map.get(k)),
    (k, v) => (v === undefined ? map.delete(k) : map.set(k, clone(v))),
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
  const s: UseStore = createStore(db, name);
  // Runs `f` in a readwrite transaction and resolves when it commits.
  const write = (f: (st: IDBObjectStore) => void) => s('readwrite', (st) => (f(st), promisifyRequest(st.transaction)));
  return {
    get: (k) => s('readonly', (st) => promisifyRequest(st.get(k))),
    set: (k, v) => write((st) => st.put(v, k)),
    update: (k, fn) =>
      write((st) => {
        st.get(k).onsuccess = function () {
          const v = fn(this.result);
          v === undefined ? st.delete(k) : st.put(v, k);
        };
      }),
    del: (k) => write((st) => st.delete(k)),
    // A key range reads only this prefix, not the whole database.
    entries: (p) =>
      s('readonly', (st) => {
        const r = IDBKeyRange.bound(p, p + '\uffff');
        return Promise.all([promisifyRequest(st.getAllKeys(r)), promisifyRequest(st.getAll(r))]);
      }).then(([k, v]) => k.map((x, i) => [x, v[i]]) as never),
  };
}

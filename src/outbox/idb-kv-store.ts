import { promisifyRequest } from 'idb-keyval';
import { kvStore, type ErasableKvStore, type KvStore } from './kv-store';

// idb-keyval's promisifyRequest resolves a request with its result and a transaction when it
// commits; either rejects with its `error`, which for an aborted transaction may still be null
// (updateMany replaces it with the error that made it abort, or a plain one).

/** The IndexedDB database the widget owns, and its one object store. */
const DATABASE = 'nps-widget';
const OBJECT_STORE = 'kv';

/**
 * A store in its own IndexedDB database, shared by every tab of the origin. The database is
 * opened on the first operation, never before. `updateMany` reads, decides and writes (or
 * deletes) every key inside one readwrite transaction, so two tabs can never interleave between
 * the read and the write. The connection closes itself when another tab deletes or upgrades the
 * database, and `erase` closes this one and deletes the database.
 * @default database 'nps-widget'
 */
export function idbKvStore(name = DATABASE): ErasableKvStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = () =>
    (connection ??= (() => {
      const request = indexedDB.open(name);
      request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
      const opened = promisifyRequest(request);
      opened.then(
        (db) => {
          // Safari may close a connection on its own; erase() elsewhere asks us to let go.
          db.onclose = () => (connection = undefined);
          db.onversionchange = () => {
            db.close();
            connection = undefined;
          };
        },
        () => (connection = undefined),
      );
      return opened;
    })());
  const run = <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => Promise<T>) =>
    open().then((db) => fn(db.transaction(OBJECT_STORE, mode).objectStore(OBJECT_STORE)));
  // Resolves when the transaction commits, not when the writes are merely queued.
  const updateMany: KvStore['updateMany'] = (keys, fn) =>
    run('readwrite', (store) => {
      let failure: unknown;
      for (const key of keys)
        store.get(key).onsuccess = function () {
          // An updater or a write that throws (DataCloneError, QuotaExceededError) aborts the
          // whole transaction and rejects; it must never escape as an uncaught page error.
          try {
            const value = fn(this.result, key);
            value === undefined ? store.delete(key) : store.put(value, key);
          } catch (error) {
            failure ??= error;
            store.transaction.abort();
          }
        };
      return promisifyRequest<void>(store.transaction).catch((error) => {
        throw failure ?? error ?? Error('transaction aborted');
      });
    });
  return {
    ...kvStore(
      (key) => run('readonly', (store) => promisifyRequest(store.get(key))),
      updateMany,
      // A key range reads only this prefix, not the whole database.
      (prefix) =>
        run('readonly', (store) => {
          const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
          return Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
        }).then(([keys, values]) => Array.from(keys, (key, i) => [key, values[i]]) as never),
    ),
    async erase() {
      const db = await connection?.catch(() => undefined);
      db?.close();
      connection = undefined;
      // Where there is no IndexedDB, nothing was ever stored in it.
      if (typeof indexedDB === 'undefined') return;
      await promisifyRequest(indexedDB.deleteDatabase(name));
    },
  };
}

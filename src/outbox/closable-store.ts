import type { KvStore } from './kv-store';
import { stop } from './stop';

/**
 * The store as the delivery loop uses it: once `isClosed()`, every call rejects with {@link stop}
 * and leaves the store alone (consent withdrawal erases it, and an IndexedDB access would re-create
 * the database); leases run out and another tab takes over. The client's `put` and `flush` use the
 * store itself.
 */
export const closableStore = (store: KvStore, isClosed: () => boolean | undefined): KvStore =>
  new Proxy(store, {
    get:
      (target, method: keyof KvStore) =>
      (...args: unknown[]) =>
        isClosed() ? Promise.reject(stop) : (target[method] as (...a: unknown[]) => Promise<unknown>)(...args),
  });

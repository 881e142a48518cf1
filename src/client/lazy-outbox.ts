import { NpsError } from '../core/errors';
import type { KvStore } from '../outbox/kv-store';
import { LEGACY, RECORD } from '../outbox/envelope';
import type { Outbox, OutboxOptions } from '../outbox/outbox';

/** Makes the delivery machinery (`createOutbox`), which lives in the survey runtime. */
export type CreateOutbox = (options: OutboxOptions) => Outbox;

/** Where the lazy outbox waits for `online` after a failed load; `window` in a browser. */
export interface OnlineSource {
  addEventListener?(type: 'online', listener: () => void): void;
  removeEventListener?(type: 'online', listener: () => void): void;
}

/**
 * Whether earlier pages left records to deliver (in either key format): one store read, so a page
 * with an empty queue never loads the delivery machinery.
 */
export const hasQueuedRecords = async (store: KvStore): Promise<boolean> =>
  (await store.entries(RECORD)).length > 0 || (await store.entries(LEGACY.record)).length > 0;

/**
 * The outbox as the SDK on every page holds it: the sync loop, leases, batching, backoff, eviction
 * and page-hide keepalive load (`load`) only when there is something to deliver — at `start()`
 * when earlier pages left records, at the first `put()` (a shown survey, whose runtime carries
 * them), at `flush()`. A failed load is reported (`load-failed`) and tried again on `online`, on the
 * next `put()` or `flush()`; a `put()` whose load fails rejects, so nothing counts as stored that is not.
 */
export function lazyOutbox(
  load: () => Promise<CreateOutbox>,
  options: OutboxOptions,
  host: OnlineSource = globalThis as OnlineSource,
): Outbox {
  let outbox: Outbox | undefined;
  let loading: Promise<Outbox> | undefined;
  let closed = false;
  let waitingForOnline = false;
  const get = () =>
    (loading ??= load().then(
      (create) => {
        outbox = create(options);
        if (closed) outbox.close();
        return outbox;
      },
      (e) => {
        loading = undefined;
        options.onError(new NpsError('load-failed', 'could not load the delivery module', e));
        if (!waitingForOnline && host.addEventListener) {
          waitingForOnline = true;
          host.addEventListener('online', retry);
        }
        throw e;
      },
    ));
  const stopWaiting = () => {
    if (waitingForOnline) host.removeEventListener?.('online', retry);
    waitingForOnline = false;
  };
  const start = () => {
    if (!closed)
      get().then(
        (o) => o.start(),
        () => {},
      );
  };
  function retry() {
    stopWaiting();
    start();
  }
  return {
    start,
    put: async (record) => (await get()).put(record),
    async flush() {
      let loaded: Outbox;
      try {
        loaded = await get();
      } catch {
        return { delivered: 0, pending: (await options.store.entries(RECORD)).length };
      }
      return loaded.flush();
    },
    close() {
      closed = true;
      stopWaiting();
      outbox?.close();
    },
  };
}

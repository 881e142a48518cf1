import type { NpsError } from '../core/errors';
import { WIRE_VERSION, type ResponseRecord } from '../core/wire';
import type { KvStore } from './kv-store';

/** What the sync loop needs from the client: where to send, with what, and whom to tell. */
export interface OutboxOptions {
  endpoint: string;
  headers: Record<string, string>;
  store: KvStore;
  fetch: typeof fetch;
  now: () => number;
  /** Uniform [0, 1), for backoff jitter. */
  random: () => number;
  onDelivered(ids: string[]): void;
  onError(error: NpsError): void;
}

/** Outcome of a flush: how many records the server confirmed, how many remain queued. */
export interface FlushResult {
  delivered: number;
  pending: number;
}

/** The durable queue of records and the loop that delivers them. */
export interface Outbox {
  /** Resolves once the record (replacing any older version of it) is committed to storage. */
  put(record: ResponseRecord): Promise<void>;
  /** Tries to send everything now. */
  flush(): Promise<FlushResult>;
  /** Stops listening and timers; stored records stay for the next page. */
  close(): void;
}

const KEY = 'r:';

/**
 * Foundation outbox: store first, send in one batch, delete only what the server confirmed.
 * The outbox issue replaces the sending policy (batches, backoff, locks, page-hide); the contract stays.
 */
export function createOutbox(o: OutboxOptions): Outbox {
  const flush = async (): Promise<FlushResult> => {
    const queued = await o.store.entries<ResponseRecord>(KEY);
    let delivered = 0;
    if (queued.length) {
      try {
        const res = await o.fetch(o.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...o.headers },
          credentials: 'omit',
          body: JSON.stringify({ v: WIRE_VERSION, sentAt: new Date(o.now()).toISOString(), responses: queued.map(([, r]) => r) }),
        });
        if (res.ok) {
          const ids: string[] = [];
          for (const [k, r] of queued) {
            // Only delete the version we sent: a newer one written meanwhile must still go out.
            await o.store.update<ResponseRecord>(k, (cur) => (cur?.updatedAt == r.updatedAt ? undefined : cur));
            ids.push(r.id);
          }
          delivered = ids.length;
          o.onDelivered(ids);
        }
      } catch {}
    }
    return { delivered, pending: (await o.store.entries(KEY)).length };
  };
  return {
    put: (r) => o.store.set(KEY + r.id, r).then(() => void flush()),
    flush,
    close() {},
  };
}

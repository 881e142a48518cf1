import type { NpsError } from '../core/errors';
import type { FlushResult } from '../core/public-types';
import type { ResponseRecord } from '../core/wire';
import type { KvStore } from './kv-store';
import type { OutboxHost } from './watch-page';

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
  /** Give up on a request after this many ms. @default 10000 */
  timeout?: number;
  /** How long a sending tab owns the records it sent before another tab may take them over. @default timeout + 5000 */
  lease?: number;
  /** Events, online state, Web Locks, BroadcastChannel, `Request` (for keepalive). @default globalThis */
  host?: OutboxHost;
}

/** The durable queue of records and the loop that delivers them. */
export interface Outbox {
  /**
   * Starts delivering: reads what earlier pages left, listens to the page and the other tabs.
   * Until then (or the first `put`/`flush`) the outbox touches no storage, channel or timer.
   */
  start(): void;
  /** Resolves once the record (replacing any older version of it) is committed to storage. */
  put(record: ResponseRecord): Promise<void>;
  /** Tries to send everything now (waiting for another tab's send to end); Retry-After and offline still hold. */
  flush(): Promise<FlushResult>;
  /** Stops listening and timers; stored records stay for the next page. */
  close(): void;
}

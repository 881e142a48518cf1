import type { DeliveryState } from './delivery-state';
import type { Envelope } from './envelope';
import type { KvStore } from './kv-store';
import type { OutboxOptions } from './outbox-options';
import type { SenderLock } from './sender-lock';
import type { TabChannel } from './tab-channel';

/**
 * One outbox's delivery loop: what it runs with, and the state that changes as it runs, in one
 * place. Each step (claim, send, settle, a pass, page hide, the retry timer) is a function of it.
 */
export interface DeliveryLoop extends Required<OutboxOptions> {
  /** The store as the loop uses it: it rejects with `stop` once the outbox is closed (see closableStore). */
  store: KvStore;
  lock: SenderLock;
  channel: TabChannel;
  /** Set when the outbox starts: nothing touches storage, a channel or a timer before. */
  started?: true;
  /** Set when the outbox is closed, for good: nothing is sent, stored or scheduled after. */
  closed?: true;
  /** The origin's delivery state (backoff, `Retry-After`) as this tab last read, wrote or heard it. */
  state: DeliveryState;
  /** The queue as this tab last read or wrote it, by record key: what page hide can send synchronously. */
  queue: Map<string, Envelope>;
  /** A record was written (here or, as the channel says, in another tab) since the queue was read. */
  changed?: boolean;
  /** Page hide has sent; it sends again once the page was shown. */
  hidden?: boolean;
  /** The failed-attempt count last reported: one `delivery-failed` per backoff step, not per batch. */
  reportedStep?: number;
  /** Each version reported delivered: page hide sends again what the loop is sending. */
  delivered: Set<string>;
  /** Passes run one at a time, in this chain; `queued` while one waits for its turn. */
  passes: Promise<number>;
  queued?: boolean;
  /** The next pass, after a backoff, a `Retry-After`, another tab's lease or lock. */
  timer?: ReturnType<typeof setTimeout>;
  /** Starts a pass: the timer's, another tab's nudge. */
  wake(): void;
}

/** Whether the browser says it is offline: nothing is attempted until `online`. */
export const isOffline = (loop: DeliveryLoop): boolean => loop.host.navigator?.onLine === false;

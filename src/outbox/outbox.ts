import { closableStore } from './closable-store';
import type { DeliveryLoop } from './delivery-loop';
import { idleState, readDeliveryState } from './delivery-state';
import { RECORD } from './envelope';
import { storeRecord } from './known-queue';
import type { Outbox, OutboxOptions } from './outbox-options';
import { hidePage } from './hide-page';
import { kick } from './kick';
import { senderLock } from './sender-lock';
import { loadDeliveryState } from './stored-delivery-state';
import { RECORD_WRITTEN, tabChannel } from './tab-channel';
import { watchPage, type OutboxHost } from './watch-page';

export type { OutboxHost } from './watch-page';
export type { Outbox, OutboxOptions } from './outbox-options';

/** The name of the Web Lock and of the BroadcastChannel. */
const NAME = 'nps-outbox';
/** How long an `ifAvailable` Web Lock request may stay unanswered before the lock counts as broken. */
const LOCK_GRANT_TIMEOUT = 2e3;

/**
 * The outbox: records are stored first and deleted only when the server confirmed that very
 * version. One tab of the origin sends at a time (Web Locks); records in flight are leased so a
 * frozen or closed tab's work is taken over once the lease runs out; a BroadcastChannel nudges and
 * shares the backoff with the other tabs. A batch is leased, and its confirmed versions deleted,
 * in one storage transaction each. Nothing runs while the queue is empty or the browser is offline.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  // A live sender is done with a batch within its timeout; after that a lease only blocks takeover.
  const { timeout = 1e4, lease = timeout + 5e3, host = globalThis as unknown as OutboxHost } = options;
  const loop: DeliveryLoop = {
    ...options,
    store: closableStore(options.store, () => loop.closed),
    timeout,
    lease,
    host,
    lock: senderLock(host.navigator?.locks, NAME, LOCK_GRANT_TIMEOUT, lease),
    channel: tabChannel(host, NAME, (data) => {
      if (data) loop.state = readDeliveryState(data, options.now()).state;
      else loop.changed = true;
      void kick(loop);
    }),
    state: idleState(),
    queue: new Map(),
    delivered: new Set(),
    passes: Promise.resolve(0),
    wake: () => void kick(loop),
  };
  let stopWatching = () => {};
  const wake = (online: boolean) => {
    loop.hidden = false;
    void kick(loop, online);
  };

  const start = () => {
    if (loop.started || loop.closed) return;
    loop.started = true;
    stopWatching = watchPage(host, wake, () => hidePage(loop));
    loop.channel.open();
    // Page hide may come before this tab ever sends: know the origin's Retry-After from the start.
    loadDeliveryState(loop).catch(() => {});
    void kick(loop);
  };

  return {
    start,
    async put(record) {
      start();
      await storeRecord(options.store, loop.queue, record);
      loop.changed = true;
      if (!loop.closed) loop.channel.post(RECORD_WRITTEN);
      void kick(loop);
    },
    async flush() {
      start();
      const delivered = await kick(loop, true, true);
      return { delivered, pending: (await options.store.entries(RECORD)).length };
    },
    close() {
      loop.closed = true;
      clearTimeout(loop.timer);
      stopWatching();
      loop.channel.close();
    },
  };
}

import { NpsError } from '../core/errors';
import type { ResponseRecord } from '../core/wire';
import { backoff } from './backoff';
import { claimBatch, confirmBatch, isLeased, releaseBatch } from './batch-lease';
import { idleState, readDeliveryState, type DeliveryState } from './delivery-state';
import { DELIVERY_STATE, RECORD, readEnvelopes, toEnvelope, type Envelope } from './envelope';
import { capDeadLetters, evict } from './evict';
import type { KvStore } from './kv-store';
import { migrateLegacy } from './migrate-legacy';
import type { Outbox, OutboxOptions } from './outbox-options';
import { batchBody, postBatch, type Reply } from './post-batch';
import { retryAfter } from './retry-after';
import { BUSY, senderLock } from './sender-lock';
import { tabChannel } from './tab-channel';
import { takeBatch } from './take-batch';
import { startTimer } from './timer';
import { watchPage, type OutboxHost } from './watch-page';

export type { OutboxHost } from './watch-page';
export type { Outbox, OutboxOptions } from './outbox-options';

const NAME = 'nps-outbox';
const REFUSED = [400, 413, 422];
/** How long an `ifAvailable` Web Lock request may stay unanswered before the lock counts as broken. */
const LOCK_GRANT_TIMEOUT = 2e3;

const envelope = (record: ResponseRecord): Envelope => ({ format: 2, record });

/**
 * The outbox: records are stored first and deleted only when the server confirmed that very
 * version. One tab of the origin sends at a time (Web Locks); records in flight are leased so a
 * frozen or closed tab's work is taken over once the lease runs out; a BroadcastChannel nudges and
 * shares the backoff with the other tabs. A batch is leased, and its confirmed versions deleted,
 * in one storage transaction each. Nothing runs while the queue is empty or the browser is offline.
 */
export function createOutbox(o: OutboxOptions): Outbox {
  // A live sender is done with a batch within its timeout; after that a lease only blocks takeover.
  const { now, timeout = 1e4, lease = timeout + 5e3, host = globalThis as unknown as OutboxHost } = o;
  const nav = host.navigator;
  const lock = senderLock(nav?.locks, NAME, LOCK_GRANT_TIMEOUT, lease);
  let state: DeliveryState = idleState();
  // What page hide can send synchronously: the queue as last read or written by this tab.
  let cache = new Map<string, Envelope>();
  // Page hide sends again, with keepalive, what the loop is sending (unload aborts a plain fetch):
  // each delivered version is reported once.
  const reported = new Set<string>();
  let chain = Promise.resolve(0);
  let queued = false;
  let started = false;
  let closed = false;
  // Once closed, the loop leaves the store alone (consent withdrawal erases it, and an IndexedDB access
  // would re-create the database): leases run out, another tab takes over. `put` and `flush` are the client's.
  const store = new Proxy(o.store, {
    get:
      (target, method: keyof KvStore) =>
      (...args: unknown[]) =>
        closed ? Promise.reject(0) : (target[method] as (...a: unknown[]) => Promise<unknown>)(...args),
  });
  let hidden = false;
  // A record was written (here or, as the channel says, in another tab) since the queue was read.
  let changed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching = () => {};
  // The failed-attempt count last reported: one `delivery-failed` per backoff step, not per batch.
  let reportedStep: number | undefined;
  const channel = tabChannel(host, NAME, (data) => {
    if (data) state = readDeliveryState(data, now()).state;
    else changed = true;
    void kick();
  });

  const offline = () => nav?.onLine === false;
  // Whatever a custom store or the lock manager throws reaches onError as an NpsError; 0 ends a pass
  // quietly (closed, offline, or a Retry-After learnt meanwhile).
  const fail = (e: unknown) => {
    if (!e) return;
    if (!(e instanceof NpsError)) return o.onError(new NpsError('delivery-failed', String(e), e));
    if (e.code == 'delivery-failed') {
      if (reportedStep === state.failedAttempts) return;
      reportedStep = state.failedAttempts;
    }
    o.onError(e);
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!closed) timer = startTimer(kick, ms);
  };
  // A read-modify-write of the shared state: another tab's later Retry-After is never overwritten.
  const saveState = async (change: (stored: DeliveryState) => DeliveryState) => {
    let next = state;
    await store.update<DeliveryState>(DELIVERY_STATE, (stored) => {
      const current = readDeliveryState(stored, now()).state;
      next = change(current);
      return { ...next, retryAfterUntil: Math.max(next.retryAfterUntil, current.retryAfterUntil) };
    });
    state = next;
    closed || channel.post(state);
  };
  const loadState = async () => {
    const { state: read, capped } = readDeliveryState(await store.get(DELIVERY_STATE), now());
    state = read;
    // A far-future time an older version stored is healed in storage, for every tab.
    if (capped) await store.set(DELIVERY_STATE, read);
  };
  const report = (error: NpsError) => o.onError(error);

  // Reads the queue into the cache, evicting what is over the caps (in one transaction).
  const load = async () => {
    cache = new Map(await evict(store, await readEnvelopes(store, RECORD), now(), report));
  };
  // What this tab may send now, as one batch: not leased to a live sender (this tab's own leases are
  // in storage only, so page hide includes what the loop is sending).
  const ready = (at: number) =>
    takeBatch(
      Array.from(
        [...cache.values()].filter((e) => !isLeased(e, at, lease)),
        (e) => e.record,
      ),
    );

  // Deletes the versions sent and keeps the refused ones as dead letters (one transaction), then reports.
  const settle = async (sent: ResponseRecord[], refused: Map<string, string>) => {
    await confirmBatch(store, sent, refused, (key) => cache.delete(key));
    if (!refused.size) return;
    for (const r of sent)
      if (refused.has(r.id))
        o.onError(
          new NpsError('record-rejected', `${r.id} refused: ${refused.get(r.id)}`, {
            id: r.id,
            error: refused.get(r.id),
          }),
        );
    await capDeadLetters(store, report);
  };

  // Sends one batch; returns how many were delivered, throws (after recording the backoff) when it must be retried.
  const send = async (records: ResponseRecord[], keepalive?: boolean): Promise<number> => {
    // Closed while the batch was claimed or a split's first half was out; a later reply finds the store guarded.
    if (closed) throw 0;
    let cause: unknown;
    const reply: Partial<Reply> = await postBatch(o, batchBody(records, now()), timeout, keepalive).catch(
      (e) => ((cause = e), {}),
    );
    const { status = 0, data, redirect } = reply;
    if (!redirect && status > 199 && status < 300) {
      const rejected = data?.rejected;
      const refused = new Map<string, string>();
      // The reply is untrusted: a `rejected` that is not a list refuses nothing.
      if (Array.isArray(rejected))
        for (const x of rejected) if (x && typeof x.id == 'string') refused.set(x.id, String(x.error));
      await settle(records, refused);
      if (state.failedAttempts || state.backoffUntil)
        await saveState((stored) => ({ ...stored, failedAttempts: 0, throttled: 0, backoffUntil: 0 }));
      reportedStep = undefined;
      const ids: string[] = [];
      for (const r of records) {
        const key = r.id + ' ' + r.updatedAt;
        if (!refused.has(r.id) && !reported.has(key)) reported.add(key), ids.push(r.id);
      }
      if (ids.length) o.onDelivered(ids);
      return ids.length;
    }
    if (!redirect && REFUSED.includes(status)) {
      // One bad record must not sink the others: halve until it stands alone.
      const half = records.length >> 1;
      if (half) return (await send(records.slice(0, half), keepalive)) + (await send(records.slice(half), keepalive));
      await settle(records, new Map([[records[0]!.id, 'HTTP ' + status]]));
      return 0;
    }
    // The browser went offline while the request was out: no attempt used, no error; `online` resumes.
    if (!redirect && !status && offline()) throw 0;
    const at = now();
    // 429 is the server pacing us, not a failed attempt: it backs off as far, but uses up no attempt.
    await saveState((stored) => ({
      failedAttempts: stored.failedAttempts + +(status != 429),
      throttled: stored.throttled + +(status == 429),
      backoffUntil: at + backoff(stored.failedAttempts + stored.throttled, o.random),
      retryAfterUntil: retryAfter(reply.retryAfter, at) ?? stored.retryAfterUntil,
    }));
    const why = redirect
      ? `the endpoint answered with ${redirect} (HTTP ${status}); redirects are not followed`
      : status || cause;
    throw new NpsError('delivery-failed', `send failed (${why})`, { status, cause, redirect });
  };

  const pass = async (force?: boolean): Promise<number> => {
    let delivered = 0;
    await migrateLegacy(store, now());
    // Between batches the queue as this tab knows it is enough (each claim re-reads the records it
    // leases); it is read again in full when the pass would end, or when a tab wrote a record.
    let reload = true;
    for (;;) {
      const fromStorage = reload || changed;
      reload = changed = false;
      if (fromStorage) {
        await loadState();
        await load();
      }
      const list = [...cache.values()];
      const at = now();
      const free = ready(at);
      let wait = Math.max(state.retryAfterUntil, force ? 0 : state.backoffUntil) - at;
      if (!fromStorage && (!free.length || wait > 0)) {
        reload = true;
        continue;
      }
      // Nothing queued, or offline (`online` kicks at once): no timer, no request, no error.
      if (!list.length || offline()) return (clearTimeout(timer), delivered);
      // Everything is leased by other tabs: look again when the first lease runs out.
      if (wait <= 0 && !free.length) wait = Math.min(...Array.from(list, (e) => e.leasedUntil!)) - at;
      if (wait > 0) return (schedule(wait), delivered);
      const sent = await claimBatch(
        store,
        free,
        at,
        at + lease,
        (stored) => (state = readDeliveryState(stored, at).state),
      );
      if (!sent.length) {
        reload = true;
        continue;
      }
      try {
        // Another tab may have learnt a Retry-After while this one was claiming.
        if (state.retryAfterUntil > now()) throw 0;
        delivered += await send(sent);
      } catch (e) {
        await releaseBatch(store, sent, at + lease);
        fail(e);
        if (!offline()) schedule(Math.max(state.retryAfterUntil, state.backoffUntil) - now());
        return delivered;
      }
    }
  };

  const kick = (force?: boolean, wait?: boolean): Promise<number> => {
    if (queued && !wait) return chain;
    queued = true;
    return (chain = chain
      .then(async () => {
        queued = false;
        if (closed || !started) return 0;
        const n = await lock.run(!!wait, () => pass(force));
        // Another tab is sending: look again soon, in case it stops before our records.
        return n === BUSY ? (schedule(1e3), 0) : n;
      })
      .catch((e) => (fail(e), 0)));
  };

  // Page hide: one keepalive request from what this tab knows, never before Retry-After or while offline.
  const hide = () => {
    const at = now();
    if (hidden || state.retryAfterUntil > at || offline()) return;
    hidden = true;
    const records = ready(at);
    if (!records.length) return;
    // sendBeacon cannot carry custom headers: only where there are none.
    const beacon = !('keepalive' in (host.Request?.prototype ?? {})) && !Object.keys(o.headers)[0] && nav?.sendBeacon;
    try {
      if (beacon)
        return void nav!.sendBeacon!(o.endpoint, new Blob([batchBody(records, at)], { type: 'application/json' }));
    } catch {}
    send(records, true).catch(fail);
  };

  const start = () => {
    if (started || closed) return;
    started = true;
    stopWatching = watchPage(host, (online) => ((hidden = false), kick(online)), hide);
    channel.open();
    // Page hide may come before this tab ever sends: know the origin's Retry-After from the start.
    loadState().catch(() => 0);
    void kick();
  };

  return {
    start,
    async put(r) {
      start();
      const key = RECORD + r.id;
      let stored = envelope(r);
      // A stale version arriving late never replaces a newer one.
      await o.store.update<unknown>(key, (v) => {
        const newer = toEnvelope(v);
        return newer && newer.record.updatedAt > r.updatedAt ? ((stored = newer), v) : stored;
      });
      cache.set(key, stored);
      changed = true;
      closed || channel.post(0);
      void kick();
    },
    async flush() {
      start();
      const delivered = await kick(true, true);
      return { delivered, pending: (await o.store.entries(RECORD)).length };
    },
    close() {
      closed = true;
      clearTimeout(timer);
      stopWatching();
      channel.close();
    },
  };
}

import { NpsError } from '../core/errors';
import type { ResponseRecord } from '../core/wire';
import { backoff } from './backoff';
import { toEnvelope, type Envelope } from './envelope';
import type { KvStore } from './kv-store';
import { batchBody, postBatch, type Reply } from './post-batch';
import { retryAfter } from './retry-after';
import { takeBatch } from './take-batch';
import { watchPage, type OutboxHost } from './watch-page';

export type { OutboxHost } from './watch-page';

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
  /** Abort a request after this many ms. @default 10000 */
  timeout?: number;
  /** How long a sending tab owns the records it sent before another tab may take them over. @default timeout + 5000 */
  lease?: number;
  /** Events, Web Locks, BroadcastChannel, sendBeacon. @default globalThis */
  host?: OutboxHost;
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
  /** Tries to send everything now (waiting for another tab's send to end); Retry-After still holds. */
  flush(): Promise<FlushResult>;
  /** Stops listening and timers; stored records stay for the next page. */
  close(): void;
}

/** Shared delivery state of the origin: failed attempts, backoff until, Retry-After until. */
interface Meta {
  a: number;
  b: number;
  w: number;
}

const REC = 'r:';
const DEAD = 'd:';
const META = 'o:meta';
const NAME = 'nps-outbox';
const MAX = 500;
const MAX_AGE = 30 * 864e5;
const REFUSED = [400, 413, 422];

/**
 * The outbox: records are stored first and deleted only when the server confirmed that very
 * version. One tab of the origin sends at a time (Web Locks); records in flight are leased so a
 * frozen or closed tab's work is taken over once the lease runs out; a BroadcastChannel nudges and
 * shares the backoff with the other tabs. Nothing runs while the queue is empty.
 */
export function createOutbox(o: OutboxOptions): Outbox {
  // A live sender is done with a batch within its timeout; after that a lease only blocks takeover.
  const { store, now, timeout = 1e4, lease = timeout + 5e3, host = globalThis as unknown as OutboxHost } = o;
  const nav = host.navigator;
  const locks = nav?.locks;
  const ch = host.BroadcastChannel && new host.BroadcastChannel(NAME);
  let meta: Meta = { a: 0, b: 0, w: 0 };
  // What page hide can send synchronously: the queue as last read or written by this tab.
  let cache = new Map<string, Envelope>();
  let chain = Promise.resolve(0);
  let queued = false;
  let closed = false;
  let hidden = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Whatever a custom store or the lock manager throws reaches onError as an NpsError.
  const fail = (e: unknown) => o.onError(e instanceof NpsError ? e : new NpsError('delivery-failed', String(e), e));
  const schedule = (ms: number) => {
    clearTimeout(timer);
    // A negative delay runs at once; a huge one would overflow 32 bits and also run at once.
    if (!closed) timer = setTimeout(kick, Math.min(ms, 1e9));
  };
  const saveMeta = async (m: Meta) => {
    await store.set(META, (meta = m));
    closed || ch?.postMessage(m);
  };
  const relabel = (r: ResponseRecord, fn: (e: Envelope) => Envelope | undefined) =>
    store.update<unknown>(REC + r.id, (v) => (v = toEnvelope(v)) && fn(v as Envelope));
  // Delete only the version that was sent: a newer one written meanwhile must still go out.
  const drop = (r: ResponseRecord) =>
    relabel(r, (e) => (e.r.updatedAt == r.updatedAt ? void cache.delete(REC + r.id) : e));
  const dead = async (r: ResponseRecord, error: unknown) => {
    await store.set(DEAD + r.id, { f: 1, r, e: String(error) });
    await drop(r);
    o.onError(new NpsError('record-rejected', `${r.id} refused: ${error}`, { id: r.id, error }));
  };

  // Loads the queue, migrating old formats and evicting (oldest first) what is over the caps.
  const load = async () => {
    const list = (await store.entries<unknown>(REC)).map(([k, v]) => [k, toEnvelope(v)!] as [string, Envelope]);
    // Over the count cap, impressions and dismissals go before answers (oldest first within each):
    // an answer is the last thing we give up.
    const answered = ([, e]: [string, Envelope]) => e.r.status == 'answered';
    // Math.max: a negative end would make slice() drop records from a queue under the cap.
    const over = new Set([...list.filter((x) => !answered(x)), ...list.filter(answered)].slice(0, Math.max(0, list.length - MAX)));
    const gone = list.filter((x) => over.has(x) || Date.parse(x[1].r.shownAt) < now() - MAX_AGE);
    const keep = list.filter((x) => !gone.includes(x));
    for (const [k] of gone) await store.del(k);
    if (gone[0]) o.onError(new NpsError('storage-evicted', gone.length + ' records evicted', gone.map(([k]) => k.slice(2))));
    return [...(cache = new Map(keep)).values()];
  };
  // What this tab may send now (not leased to a live sender), as one batch.
  const ready = (at: number) => takeBatch([...cache.values()].filter((e) => !(e.l! > at)).map((e) => e.r));

  // Sends one batch; returns how many were delivered, throws (after recording the backoff) when it must be retried.
  const send = async (recs: ResponseRecord[], keepalive?: boolean): Promise<number> => {
    let cause: unknown;
    const [status = 0, ra, data]: Partial<Reply> = await postBatch(o, batchBody(recs, now()), timeout, keepalive).catch((e) => ((cause = e), []));
    if (status > 199 && status < 300) {
      const rejected = data?.rejected;
      const ids: string[] = [];
      for (const r of recs) {
        // The reply is untrusted: a `rejected` that is not a list refuses nothing.
        const x = Array.isArray(rejected) && rejected.find((x) => x?.id == r.id);
        x ? await dead(r, x.error) : (await drop(r), ids.push(r.id));
      }
      if (meta.a || meta.b) await saveMeta({ ...meta, a: 0, b: 0 });
      if (ids.length) o.onDelivered(ids);
      return ids.length;
    }
    if (REFUSED.includes(status)) {
      // One bad record must not sink the others: halve until it stands alone.
      const h = recs.length >> 1;
      if (h) return (await send(recs.slice(0, h))) + (await send(recs.slice(h)));
      await dead(recs[0]!, 'HTTP ' + status);
      return 0;
    }
    const at = now();
    // 429 is the server pacing us, not a failed attempt: it does not grow the backoff.
    await saveMeta({ a: meta.a + +(status != 429), b: at + backoff(meta.a, o.random), w: retryAfter(ra, at) ?? meta.w });
    throw new NpsError('delivery-failed', `send failed (${status || cause})`, { status, cause });
  };

  const pass = async (force?: boolean): Promise<number> => {
    let n = 0;
    for (;;) {
      meta = (await store.get<Meta>(META)) ?? { a: 0, b: 0, w: 0 };
      const list = await load();
      const at = now();
      if (!list.length) return clearTimeout(timer), n;
      const free = ready(at);
      let wait = Math.max(meta.w, force ? 0 : meta.b) - at;
      // Everything is leased by other tabs: look again when the first lease runs out.
      if (wait <= 0 && !free.length) wait = Math.min(...list.map((e) => e.l!)) - at;
      if (wait > 0) return schedule(wait), n;
      const got = new Map<string, ResponseRecord>();
      for (const r of free)
        await relabel(r, (e) => (e.l! > at ? e : (got.set(r.id, e.r), { ...e, l: at + lease })));
      const sent = [...got.values()];
      if (!sent.length) continue;
      try {
        // Another tab may have learnt a Retry-After while this one was claiming.
        if (meta.w > now()) throw 0;
        n += await send(sent);
      } catch (e) {
        for (const r of sent) await relabel(r, (e) => ({ ...e, l: 0 }));
        if (e) fail(e);
        return schedule(Math.max(meta.w, meta.b) - now()), n;
      }
    }
  };

  const kick = (force?: boolean, wait?: boolean): Promise<number> => {
    if (queued && !wait) return chain;
    queued = true;
    return (chain = chain
      .then(() => {
        queued = false;
        if (closed) return 0;
        return locks
          ? (locks.request(NAME, { ifAvailable: !wait }, (l) => (l ? pass(force) : (schedule(1e3), 0))) as Promise<number>)
          : pass(force);
      })
      .catch((e) => (fail(e), 0)));
  };

  // Page hide: one keepalive request from what this tab knows, never before Retry-After.
  const hide = () => {
    const at = now();
    if (hidden || meta.w > at) return;
    hidden = true;
    const recs = ready(at);
    // sendBeacon cannot carry custom headers: only where there are none.
    const beacon = !('keepalive' in (host.Request?.prototype ?? {})) && !Object.keys(o.headers)[0] && nav?.sendBeacon;
    if (!recs.length) return;
    if (beacon) nav!.sendBeacon!(o.endpoint, new Blob([batchBody(recs, at)], { type: 'application/json' }));
    else send(recs, true).catch(fail);
  };
  const off = watchPage(host, (online) => ((hidden = false), kick(online)), hide);
  if (ch)
    ch.onmessage = (e: MessageEvent) => {
      if (e.data) meta = e.data;
      kick();
    };
  // Page hide may come before this tab ever sends: know the origin's Retry-After from the start.
  store.get<Meta>(META).then((m) => m && (meta = m), () => 0);
  void kick();

  return {
    async put(r) {
      const k = REC + r.id;
      // A stale version arriving late never replaces a newer one.
      await store.update<unknown>(k, (v) => (toEnvelope(v)?.r.updatedAt! > r.updatedAt ? v : { f: 1, r }));
      cache.set(k, { f: 1, r });
      closed || ch?.postMessage(0);
      void kick();
    },
    async flush() {
      const delivered = await kick(true, true);
      return { delivered, pending: (await store.entries(REC)).length };
    },
    close() {
      closed = true;
      clearTimeout(timer);
      off();
      ch?.close();
    },
  };
}

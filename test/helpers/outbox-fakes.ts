// Typed fakes for the outbox: a scriptable collector, Web Locks, BroadcastChannel, a page host and
// failing stores. Shared by the unit tests and the chaos test.
import type { Batch, ResponseRecord } from '../../src/core/wire';
import type { ErasableKvStore, KvStore } from '../../src/outbox/kv-store';
import type { OutboxHost } from '../../src/outbox/outbox';

/** What the fake server does with one request. */
export type Behaviour =
  | { kind: 'ok'; status?: number; rejected?: { id: string; error: string }[] }
  | { kind: 'status'; status: number; retryAfter?: string }
  /** The request never reaches the server (network error). */
  | { kind: 'drop' }
  /** The server stores the batch, then the connection dies before the reply. */
  | { kind: 'store-then-drop' }
  /** No reply until the client aborts; `store` says whether the server stored it meanwhile. */
  | { kind: 'hang'; store?: boolean };

export interface SeenRequest {
  at: number;
  ids: string[];
  body: Batch;
  headers: Record<string, string>;
  init: RequestInit;
  tab?: string;
}

/**
 * A collector that upserts by id keeping the greatest `updatedAt`, as DESIGN.md asks of a server,
 * and counts deliveries and duplicates. `next` decides each request's fate (default: store, 200).
 */
export function fakeServer(now: () => number = Date.now) {
  const stored = new Map<string, ResponseRecord>();
  const requests: SeenRequest[] = [];
  let deliveries = 0;
  let duplicates = 0;
  let updates = 0;
  /** Requests that arrived before a Retry-After the server had given. */
  let early = 0;
  let notBefore = 0;
  const queue: Behaviour[] = [];
  let policy: (req: SeenRequest) => Behaviour = () => ({ kind: 'ok' });
  const store = (b: Batch) => {
    for (const r of b.responses) {
      deliveries++;
      const old = stored.get(r.id);
      // A resend of a version already stored is a duplicate; a newer version is an update.
      if (old && old.updatedAt >= r.updatedAt) duplicates++;
      else if (old) updates++;
      if (!old || old.updatedAt < r.updatedAt) stored.set(r.id, r);
    }
  };
  const fetchFor =
    (tab?: string): typeof fetch =>
    async (_url, init = {}) => {
      const body = JSON.parse(String(init.body)) as Batch;
      const req: SeenRequest = {
        at: now(),
        ids: Array.from(body.responses, (r) => r.id),
        body,
        headers: { ...(init.headers as Record<string, string>) },
        init,
        tab,
      };
      requests.push(req);
      if (req.at < notBefore) early++;
      const b = queue.shift() ?? policy(req);
      if (b.kind === 'drop') throw new TypeError('Failed to fetch');
      if (b.kind === 'store-then-drop') {
        store(body);
        throw new TypeError('Failed to fetch');
      }
      if (b.kind === 'hang') {
        if (b.store) store(body);
        return new Promise<Response>((_, reject) => {
          const abort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
          init.signal?.aborted ? abort() : init.signal?.addEventListener('abort', abort);
        });
      }
      if (b.kind === 'status') {
        if (b.retryAfter) notBefore = Math.max(notBefore, retryAt(b.retryAfter, now()));
        return reply(b.status, '{}', b.retryAfter ? { 'Retry-After': b.retryAfter } : {});
      }
      const refused = new Set(Array.from(b.rejected ?? [], (x) => x.id));
      store({ ...body, responses: body.responses.filter((r) => !refused.has(r.id)) });
      return reply(b.status ?? 200, JSON.stringify(b.rejected ? { rejected: b.rejected } : {}));
    };
  return {
    stored,
    requests,
    get deliveries() {
      return deliveries;
    },
    get duplicates() {
      return duplicates;
    },
    get updates() {
      return updates;
    },
    get early() {
      return early;
    },
    /** Fates for the next requests, in order; then `policy` applies again. */
    next: (...b: Behaviour[]) => void queue.push(...b),
    setPolicy: (p: (req: SeenRequest) => Behaviour) => {
      policy = p;
    },
    fetch: fetchFor(),
    fetchFor,
  };
}

// A Response without streams: its body settles in microtasks, so fake timers can drive everything.
const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
  ({ status, ok: status > 199 && status < 300, headers: new Headers(headers), text: async () => body }) as Response;

const retryAt = (v: string, now: number) => (/^\d+$/.test(v) ? now + 1e3 * +v : Date.parse(v));

/**
 * Web Locks for several simulated tabs of one origin: `ifAvailable`, waiting, and `kill(tab)`,
 * which frees what a closed tab held, as the browser does. `maxHolders` is the most tabs that ever
 * held the lock at once (must stay 1).
 */
export function fakeLocks() {
  const held = new Map<string, string>();
  const waiting: (() => void)[] = [];
  let maxHolders = 0;
  let holdings = 0;
  const release = (name: string, tab: string) => {
    if (held.get(name) !== tab) return;
    held.delete(name);
    holdings--;
    for (const wake of waiting.splice(0)) wake();
  };
  const forTab = (tab: string): Pick<LockManager, 'request'> => ({
    request: (async (name: string, options: LockOptions, cb: (l: Lock | null) => unknown) => {
      while (held.has(name)) {
        if (options.ifAvailable) return cb(null);
        await new Promise<void>((r) => waiting.push(r));
      }
      held.set(name, tab);
      maxHolders = Math.max(maxHolders, ++holdings);
      try {
        return await cb({ name, mode: 'exclusive' } as Lock);
      } finally {
        release(name, tab);
      }
    }) as LockManager['request'],
  });
  return {
    forTab,
    kill: (tab: string) => {
      for (const [name, t] of [...held]) if (t === tab) release(name, tab);
    },
    get maxHolders() {
      return maxHolders;
    },
  };
}

/** BroadcastChannel between simulated tabs: a message reaches every other open channel of the name. */
export function fakeBus() {
  const open = new Set<FakeChannel>();
  let sent = 0;
  class FakeChannel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(data: unknown) {
      sent++;
      const copy = structuredClone(data);
      for (const c of open)
        if (c !== this && c.name === this.name) queueMicrotask(() => c.onmessage?.({ data: copy } as MessageEvent));
    }
    close() {
      open.delete(this);
    }
  }
  return {
    Channel: FakeChannel as unknown as NonNullable<OutboxHost['BroadcastChannel']>,
    get sent() {
      return sent;
    },
    get open() {
      return open.size;
    },
  };
}

/** A page for the outbox: events, visibility, and optionally locks, channel, sendBeacon, keepalive. */
export function fakeHost(extra: Partial<Pick<OutboxHost, 'navigator' | 'BroadcastChannel' | 'Request'>> = {}) {
  const target = new EventTarget();
  const document = { visibilityState: 'visible' };
  let listeners = 0;
  const host = {
    addEventListener: (t: string, l: (e: Event) => void, c?: boolean) => {
      listeners++;
      target.addEventListener(t, l, c);
    },
    removeEventListener: (t: string, l: (e: Event) => void, c?: boolean) => {
      listeners--;
      target.removeEventListener(t, l, c);
    },
    document,
    Request: { prototype: { keepalive: true } },
    ...extra,
  } satisfies OutboxHost;
  return {
    host,
    get listeners() {
      return listeners;
    },
    fire: (type: string) => target.dispatchEvent(new Event(type)),
    hide() {
      document.visibilityState = 'hidden';
      target.dispatchEvent(new Event('visibilitychange'));
    },
    show() {
      document.visibilityState = 'visible';
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

/** How a fake storage layer misbehaves. */
export type Failure =
  /** Every operation throws (IndexedDB missing or refused). */
  | 'throws'
  /** Operations never settle (a blocked or hanging `open`). */
  | 'hangs'
  /** Works for `after` operations, then every operation throws (connection closed). */
  | 'closes'
  /** Writes throw QuotaExceededError; reads work. */
  | 'quota';

/** A store that fails as told, over a memory map; `ops` counts the calls it got. */
export function failingStore(inner: ErasableKvStore, failure: Failure, after = 0) {
  let ops = 0;
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  const wrap =
    <A extends unknown[], R>(write: boolean, f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> => {
      ops++;
      if (failure === 'throws') return Promise.reject(new DOMException('IndexedDB is not available', 'UnknownError'));
      if (failure === 'hangs') return new Promise(() => {});
      if (failure === 'closes' && ops > after)
        return Promise.reject(new DOMException('The database connection is closing.', 'InvalidStateError'));
      if (failure === 'quota' && write) return Promise.reject(quota());
      return f(...a);
    };
  const store: ErasableKvStore = {
    get: wrap(false, inner.get) as KvStore['get'],
    set: wrap(true, inner.set),
    update: wrap(true, inner.update) as KvStore['update'],
    updateMany: wrap(true, inner.updateMany) as KvStore['updateMany'],
    del: wrap(true, inner.del),
    entries: wrap(false, inner.entries) as KvStore['entries'],
    erase: wrap(true, inner.erase),
  };
  return {
    store,
    get ops() {
      return ops;
    },
  };
}

/** A Storage (localStorage) over a Map, optionally with a byte quota. */
export function memoryStorage(quota = Infinity): Storage {
  const m = new Map<string, string>();
  const s = {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem(k: string, v: string) {
      const size =
        [...m].reduce((n, [a, b]) => n + a.length + b.length, 0) + k.length + v.length - (m.get(k)?.length ?? 0);
      if (size > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
  // As in a real Storage, the items are also its own enumerable properties (Object.keys lists them).
  return new Proxy(s, {
    ownKeys: () => [...m.keys()],
    getOwnPropertyDescriptor: (_, k) =>
      typeof k === 'string' && m.has(k) ? { value: m.get(k), enumerable: true, configurable: true } : undefined,
  }) as unknown as Storage;
}

/** `value`, which the test expects to be there: a missing one fails the test here, by name. */
export function present<T>(value: T | null | undefined, what = 'a value'): T {
  if (value == null) throw new Error(`expected ${what}`);
  return value;
}

/** A record as the client would write it, at `t` (ms), with versions made by `version`. */
export function makeRecord(id: string, t: number, over: Partial<ResponseRecord> = {}): ResponseRecord {
  const iso = new Date(t).toISOString();
  return {
    id,
    status: 'shown',
    anonymousId: 'anon-1',
    locale: 'en',
    page: 'https://app.example/x',
    shownAt: iso,
    updatedAt: iso,
    sdk: 'nps-widget@0.1.0',
    ...over,
  };
}

/** The next version of a record, strictly newer. */
export function version(
  r: ResponseRecord,
  patch: Partial<ResponseRecord>,
  t = Date.parse(r.updatedAt) + 1,
): ResponseRecord {
  return { ...r, ...patch, updatedAt: new Date(Math.max(t, Date.parse(r.updatedAt) + 1)).toISOString() };
}

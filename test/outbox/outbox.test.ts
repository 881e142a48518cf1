import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import type { Batch, ResponseRecord } from '../../src/core/wire';
import { DEAD_LETTER, DELIVERY_STATE, RECORD, type Envelope } from '../../src/outbox/envelope';
import { memoryKvStore, type KvStore } from '../../src/outbox/kv-store';
import { fakeBus, fakeHost, fakeLocks, fakeServer, makeRecord, present, version } from '../helpers/outbox-fakes';
import { idle } from '../helpers/wait';
import { T0, advance, id, queued, setup } from '../helpers/outbox-setup';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

describe('put and coalescing', () => {
  it('commits a record before resolving, and a newer version replaces the queued one', async () => {
    const { outbox, store, server } = setup();
    server.next({ kind: 'hang' });
    const r1 = makeRecord(id(1), T0);
    await outbox.put(r1);
    expect(await queued(store)).toEqual([r1]);
    const r2 = version(r1, { status: 'answered', score: 9, category: 'promoter' });
    await outbox.put(r2);
    // A late, older version never replaces a newer one.
    await outbox.put(r1);
    expect(await queued(store)).toEqual([r2]);
  });

  it('delivers the latest version once, as JSON with the headers, without cookies, then empties the queue', async () => {
    const { outbox, store, server, delivered } = setup();
    const r1 = makeRecord(id(1), T0);
    const r2 = version(r1, { status: 'answered', score: 3, category: 'detractor' });
    server.next({ kind: 'hang' });
    await outbox.put(r1);
    await outbox.put(r2);
    await advance(10_000); // the first request times out
    await advance(2_000);
    const last = present(server.requests.at(-1));
    expect(last.init.method).toBe('POST');
    expect(last.init.credentials).toBe('omit');
    expect(last.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-NPS-Write-Key': 'k1' });
    expect(last.body).toMatchObject({ v: 1, sentAt: expect.stringMatching(/^2026-11-23T/) });
    expect(server.stored.get(r1.id)).toEqual(r2);
    expect(delivered).toEqual([r1.id]);
    expect(await queued(store)).toEqual([]);
  });
});

describe('batches', () => {
  it('sends at most 50 records per request, in id order', async () => {
    const { outbox, server, store } = setup();
    server.next({ kind: 'hang' });
    for (let i = 0; i < 120; i++) await outbox.put(makeRecord(id(i), T0));
    await advance(12_000);
    const sizes = server.requests.slice(1).map((r) => r.ids.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(server.requests.slice(1).flatMap((r) => r.ids)).toEqual(Array.from({ length: 120 }, (_, i) => id(i)));
    expect(await queued(store)).toEqual([]);
  });

  it('keeps every request body within 60 KB', async () => {
    const { outbox, server } = setup();
    server.next({ kind: 'hang' });
    for (let i = 0; i < 30; i++) await outbox.put(makeRecord(id(i), T0, { comment: 'é'.repeat(2000) }));
    await advance(12_000);
    const bodies = server.requests.slice(1).map((r) => new TextEncoder().encode(JSON.stringify(r.body)).length);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b).toBeLessThanOrEqual(60_000);
    expect(server.stored.size).toBe(30);
  });
});

describe('confirmation', () => {
  it('deletes only the version sent: a version written while it was in flight still goes out', async () => {
    const { make, store, server } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = server.fetch;
    const r1 = makeRecord(id(1), T0);
    const r2 = version(r1, { status: 'answered', score: 10, category: 'promoter' });
    const slow: typeof fetch = async (...a) => {
      const body = JSON.parse(String(present(a[1]).body)) as Batch;
      if (present(body.responses[0]).updatedAt === r1.updatedAt) await gate;
      return fetch(...a);
    };
    const o2 = make({ fetch: slow });
    await o2.put(r1);
    await idle();
    await o2.put(r2); // lands while r1 is in flight
    release();
    await advance(2_000);
    expect(server.requests.map((r) => present(r.body.responses[0]).updatedAt)).toEqual([r1.updatedAt, r2.updatedAt]);
    expect(server.stored.get(r1.id)).toEqual(r2);
    expect(await queued(store)).toEqual([]);
  });

  it('dead-letters records the server lists as rejected, with an error event, and deletes the rest', async () => {
    const { outbox, store, server, errors, delivered } = setup();
    server.next({ kind: 'hang' });
    await outbox.put(makeRecord(id(1), T0));
    await outbox.put(makeRecord(id(2), T0));
    server.next({ kind: 'ok', rejected: [{ id: id(2), error: 'bad locale' }] });
    await advance(12_000);
    expect(delivered).toEqual([id(1)]);
    expect(await queued(store)).toEqual([]);
    const dead = await store.get<Envelope>(DEAD_LETTER + id(2));
    expect(dead).toMatchObject({ format: 2, record: { id: id(2) }, error: 'bad locale' });
    expect(errors.filter((e) => e.code === 'record-rejected').map((e) => e.details)).toEqual([
      { id: id(2), error: 'bad locale' },
    ]);
  });

  it('a half that fails after a split counts as one failed attempt, and the other half stays delivered', async () => {
    const { outbox, store, server } = setup();
    server.next({ kind: 'hang' });
    for (let i = 0; i < 4; i++) await outbox.put(makeRecord(id(i), T0));
    server.next({ kind: 'status', status: 413 }, { kind: 'ok' }, { kind: 'status', status: 503 });
    await advance(11_500);
    expect(server.requests).toHaveLength(4);
    expect([...server.stored.keys()]).toEqual([id(0), id(1)]);
    expect(await store.get(DELIVERY_STATE)).toMatchObject({ failedAttempts: 1 });
    expect((await queued(store)).map((r) => r.id)).toEqual([id(2), id(3)]);
  });

  it.each([400, 413, 422])(
    'splits a refused batch (%i) into halves until the bad record stands alone',
    async (status) => {
      const { outbox, store, server, errors } = setup();
      server.setPolicy((req) => (req.ids.includes(id(3)) ? { kind: 'status', status } : { kind: 'ok' }));
      server.next({ kind: 'hang' });
      for (let i = 0; i < 7; i++) await outbox.put(makeRecord(id(i), T0));
      await advance(12_000);
      expect([...server.stored.keys()].sort()).toEqual([0, 1, 2, 4, 5, 6].map(id));
      expect(await queued(store)).toEqual([]);
      expect(await store.get(DEAD_LETTER + id(3))).toMatchObject({ error: `HTTP ${status}` });
      expect(errors.filter((e) => e.code === 'record-rejected')).toHaveLength(1);
      // Halving, not one request per record: 7 → 3+4 → … at most 2·log2(7)+1 refused requests.
      expect(server.requests.filter((r) => r.ids.includes(id(3))).length).toBeLessThanOrEqual(4);
    },
  );
});

describe('retries', () => {
  it('backs off exponentially with full jitter, within 1 s · 2^n and the 5 min cap', async () => {
    const { outbox, server, errors } = setup();
    server.setPolicy(() => ({ kind: 'status', status: 503 }));
    await outbox.put(makeRecord(id(1), T0));
    await advance(40 * 60_000, 1000);
    const gaps = server.requests.slice(1).map((r, i) => r.at - present(server.requests[i]).at);
    expect(gaps.length).toBeGreaterThan(8);
    for (const [n, g] of gaps.entries()) expect(g).toBeLessThanOrEqual(Math.min(300_000, 1000 * 2 ** n) + 1000);
    // random() = 0.999 puts each delay near its ceiling: the growth and the cap are really used.
    expect(gaps[3]).toBeGreaterThan(7_000);
    expect(Math.max(...gaps)).toBeGreaterThan(290_000);
    expect(errors.every((e) => e.code === 'delivery-failed')).toBe(true);
  });

  it('full jitter: random() = 0 retries at once, so delays spread over the whole range', async () => {
    const { outbox, server } = setup({ random: () => 0 });
    server.next({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    await outbox.put(makeRecord(id(1), T0));
    await advance(500);
    expect(server.requests).toHaveLength(3);
    expect(server.stored.size).toBe(1);
  });

  it.each([
    ['seconds', '120'],
    ['an HTTP-date', new Date(T0 + 120_000).toUTCString()],
  ])(
    'honours Retry-After in %s: nothing is sent before it, not even by flush, online or page hide',
    async (_, value) => {
      const { outbox, server, page } = setup();
      server.next({ kind: 'status', status: 503, retryAfter: value });
      await outbox.put(makeRecord(id(1), T0));
      await idle();
      expect(server.requests).toHaveLength(1);
      await advance(60_000, 1000);
      page.fire('online');
      page.hide();
      page.show();
      expect(await outbox.flush()).toEqual({ delivered: 0, pending: 1 });
      await advance(59_000, 1000);
      expect(server.requests).toHaveLength(1);
      await advance(2_000);
      expect(server.requests).toHaveLength(2);
      expect(present(server.requests[1]).at).toBeGreaterThanOrEqual(T0 + 120_000);
      expect(server.early).toBe(0);
      expect(server.stored.size).toBe(1);
    },
  );

  it('429 backs off exponentially, as far as 500 does, but uses up no attempt', async () => {
    const withReplies = async (status: number) => {
      const { outbox, server, errors } = setup();
      server.next(...Array.from({ length: 6 }, () => ({ kind: 'status' as const, status })));
      await outbox.put(makeRecord(id(1), T0));
      await advance(3 * 60_000, 250);
      expect(server.stored.size).toBe(1);
      outbox.close();
      return {
        gaps: server.requests.slice(1).map((r, i) => r.at - present(server.requests[i]).at),
        errors: errors.length,
      };
    };
    const throttled = await withReplies(429);
    const failed = await withReplies(500);
    expect(throttled.gaps[5]).toBeGreaterThan(30_000);
    expect(throttled.gaps).toEqual(failed.gaps);
    // One `delivery-failed` per backoff step counted in failed attempts: six for 500, one for 429.
    expect(failed.errors).toBe(6);
    expect(throttled.errors).toBe(1);
  });

  it('429s in a row are counted in the shared state, also over a state stored before that count existed', async () => {
    const { make, store, server } = setup();
    await store.set(DELIVERY_STATE, { failedAttempts: 0, backoffUntil: 0, retryAfterUntil: 0 });
    server.next({ kind: 'status', status: 429 }, { kind: 'status', status: 429 });
    const o = make();
    await o.put(makeRecord(id(1), T0));
    await advance(1_500);
    expect(server.requests).toHaveLength(2);
    expect(await store.get(DELIVERY_STATE)).toMatchObject({ failedAttempts: 0, throttled: 2 });
    o.close();
  });

  it('online skips the backoff wait (not Retry-After); flush reports real outcomes', async () => {
    const { outbox, server, page } = setup();
    server.setPolicy(() => ({ kind: 'drop' }));
    await outbox.put(makeRecord(id(1), T0));
    await advance(60_000, 1000);
    const n = server.requests.length;
    expect(n).toBeGreaterThan(3);
    server.setPolicy(() => ({ kind: 'ok' }));
    server.next({ kind: 'drop' });
    expect(await outbox.flush()).toEqual({ delivered: 0, pending: 1 });
    page.fire('online');
    await idle();
    expect(server.requests).toHaveLength(n + 2);
    expect(server.stored.size).toBe(1);
    expect(await outbox.flush()).toEqual({ delivered: 0, pending: 0 });
  });
});

describe('triggers and timers', () => {
  it('sends what an earlier page left at start-up, then keeps no timer while the queue is empty', async () => {
    const { make, store, server } = setup();
    await store.set(RECORD + id(9), { format: 2, record: makeRecord(id(9), T0) });
    const o = make();
    await idle();
    expect(server.stored.has(id(9))).toBe(true);
    o.close();
    await advance(5_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not poll while empty: no request and no timer for an hour', async () => {
    const { server, outbox } = setup();
    outbox.start();
    await idle();
    expect(vi.getTimerCount()).toBe(0);
    await advance(3_600_000, 60_000);
    expect(server.requests).toHaveLength(0);
  });

  it('a tab becoming visible triggers a send', async () => {
    const { make, server, page, store } = setup();
    await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0) });
    const o = make();
    server.next({ kind: 'drop' });
    await idle();
    expect(server.requests).toHaveLength(1);
    await advance(100);
    page.hide();
    page.show();
    await idle();
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    o.close();
  });

  it('close() removes its listeners and timers; records stay stored', async () => {
    const page = fakeHost();
    const { outbox, server, store } = setup({}, page);
    server.setPolicy(() => ({ kind: 'status', status: 503 }));
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    expect(page.listeners).toBeGreaterThan(0);
    expect(vi.getTimerCount()).toBe(1);
    outbox.close();
    expect(page.listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(await queued(store)).toHaveLength(1);
  });
});

describe('page hide', () => {
  it('sends one keepalive request within the budget, and records stay until confirmed', async () => {
    const { outbox, server, page, store } = setup();
    server.setPolicy(() => ({ kind: 'drop' }));
    for (let i = 0; i < 3; i++) await outbox.put(makeRecord(id(i), T0));
    await idle();
    const before = server.requests.length;
    server.setPolicy(() => ({ kind: 'hang' }));
    page.hide();
    page.fire('pagehide'); // the same hide: no second request
    expect(server.requests).toHaveLength(before + 1);
    const r = present(server.requests.at(-1));
    expect(r.init.keepalive).toBe(true);
    expect(r.ids).toEqual([0, 1, 2].map(id));
    expect(await queued(store)).toHaveLength(3);
  });

  it('falls back to sendBeacon where fetch keepalive is missing and no headers are set', async () => {
    const beacons: [string, Blob][] = [];
    const page = fakeHost({
      Request: { prototype: {} },
      navigator: {
        sendBeacon: (u, b) => {
          beacons.push([u, b]);
          return true;
        },
      },
    });
    const { outbox, server } = setup({ headers: {} }, page);
    server.setPolicy(() => ({ kind: 'drop' }));
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    const n = server.requests.length;
    page.fire('pagehide');
    expect(server.requests).toHaveLength(n);
    expect(beacons).toHaveLength(1);
    expect(present(beacons[0])[1].type).toBe('application/json');
    expect(JSON.parse(await present(beacons[0])[1].text()).responses[0].id).toBe(id(1));
  });

  it('uses fetch, not sendBeacon, when custom headers are needed', async () => {
    const beacons: unknown[] = [];
    const page = fakeHost({
      Request: { prototype: {} },
      navigator: {
        sendBeacon: (u, b) => {
          beacons.push([u, b]);
          return true;
        },
      },
    });
    const { outbox, server } = setup({}, page);
    server.setPolicy(() => ({ kind: 'drop' }));
    await outbox.put(makeRecord(id(1), T0));
    await idle();
    const n = server.requests.length;
    page.fire('pagehide');
    expect(beacons).toHaveLength(0);
    expect(server.requests).toHaveLength(n + 1);
  });
});

describe('caps', () => {
  const fill = async (store: KvStore, n: number, over: (i: number) => Partial<ResponseRecord> = () => ({})) => {
    const keys = Array.from({ length: n }, (_, i) => RECORD + id(i));
    await store.updateMany(keys, (_, key) => {
      const i = keys.indexOf(key);
      return { format: 2, record: makeRecord(id(i), T0, over(i)) };
    });
  };
  const evicted = (errors: NpsError[]) => errors.filter((e) => e.code === 'storage-evicted');

  it('at 1,001 records evicts the oldest one, reporting counts and ids', async () => {
    const { make, store, server, errors } = setup();
    await fill(store, 1001);
    server.setPolicy(() => ({ kind: 'drop' }));
    const o = make();
    await idle();
    expect(await queued(store)).toHaveLength(1000);
    expect(evicted(errors).map((e) => [e.message, e.details])).toEqual([
      [
        'nps: 1 queued records evicted (1 over the 1000-record cap)',
        { records: 1, overCap: 1, tooOld: 0, deadLetters: 0, ids: [id(0)] },
      ],
    ]);
    expect(present((await queued(store))[0]).id).toBe(id(1));
    o.close();
  });

  it('at 1,001 records gives up an impression or dismissal before any answer', async () => {
    const { make, store, server, errors } = setup();
    // 10 old answers, then 991 newer impressions and dismissals: one must go, and not an answer.
    const answer = {
      status: 'answered',
      score: 9,
      category: 'promoter',
      answeredAt: new Date(T0).toISOString(),
    } as const;
    await fill(store, 1001, (i) => (i < 10 ? answer : { status: i % 2 ? 'shown' : 'dismissed' }));
    server.setPolicy(() => ({ kind: 'drop' }));
    const o = make();
    await idle();
    const left = await queued(store);
    expect(left).toHaveLength(1000);
    expect(left.filter((r) => r.status === 'answered')).toHaveLength(10);
    expect(present(evicted(errors)[0]).details).toMatchObject({ overCap: 1, ids: [id(10)] });
    o.close();
  });

  it('keeps every record of a queue at or under the cap (500 and 1,000)', async () => {
    for (const n of [500, 1000]) {
      const { make, store, server, errors } = setup();
      await fill(store, n);
      server.setPolicy(() => ({ kind: 'drop' }));
      const o = make();
      await idle();
      expect(await queued(store)).toHaveLength(n);
      expect(evicted(errors)).toEqual([]);
      o.close();
    }
  });

  it('evicts records shown more than 30 days ago, counted as such', async () => {
    const { make, store, server, errors } = setup();
    await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0 - 31 * 864e5) });
    await store.set(RECORD + id(2), { format: 2, record: makeRecord(id(2), T0 - 29 * 864e5) });
    make();
    await idle();
    expect([...server.stored.keys()]).toEqual([id(2)]);
    expect(present(evicted(errors)[0]).details).toEqual({
      records: 1,
      overCap: 0,
      tooOld: 1,
      deadLetters: 0,
      ids: [id(1)],
    });
  });

  it('keeps at most 100 dead letters, dropping the oldest first and reporting it', async () => {
    const { outbox, store, server, errors } = setup();
    for (let i = 0; i < 100; i++)
      await store.set(DEAD_LETTER + id(i), { format: 2, record: makeRecord(id(i), T0), error: 'HTTP 422' });
    server.setPolicy(() => ({
      kind: 'ok',
      rejected: [
        { id: id(500), error: 'bad locale' },
        { id: id(501), error: 'bad locale' },
      ],
    }));
    await outbox.put(makeRecord(id(500), T0));
    await outbox.put(makeRecord(id(501), T0));
    await outbox.flush();
    const letters = await store.entries(DEAD_LETTER);
    expect(letters).toHaveLength(100);
    expect(present(letters[0])[0]).toBe(DEAD_LETTER + id(2));
    expect(present(letters.at(-1))[0]).toBe(DEAD_LETTER + id(501));
    const dropped = evicted(errors).map((e) => e.details);
    expect(dropped.flatMap((d) => (d as { ids: string[] }).ids)).toEqual([id(0), id(1)]);
    expect(dropped.reduce((n: number, d) => n + (d as { deadLetters: number }).deadLetters, 0)).toBe(2);
  });
});

describe('one storage transaction per batch', () => {
  /** A store that counts multi-key transactions and lets a test act between a batch's lease and its delete. */
  function countingStore(inner = memoryKvStore()) {
    const log: string[] = [];
    let between: (() => Promise<void>) | undefined;
    const store: KvStore = {
      ...inner,
      async updateMany(keys, fn) {
        let leased = 0;
        let deleted = 0;
        await inner.updateMany<unknown>(keys, (old, key) => {
          const next = fn(old as never, key) as Envelope | undefined;
          if (next?.leasedUntil && !(old as Envelope | undefined)?.leasedUntil) leased++;
          if (old && next === undefined) deleted++;
          return next as never;
        });
        if (keys.length > 1 || leased || deleted) log.push(`${keys.length} keys: ${leased} leased, ${deleted} deleted`);
        if (leased && between) await between();
      },
    };
    store.update = (key, fn) => store.updateMany([key], fn);
    store.set = (key, value) => store.updateMany([key], () => value);
    return {
      store,
      log,
      between: (f: () => Promise<void>) => {
        between = f;
      },
    };
  }

  it('leases each batch in one transaction and deletes its confirmed versions in one more', async () => {
    const disk = countingStore();
    const { outbox, server, page } = setup({ store: disk.store }, fakeHost({ navigator: { onLine: false } }));
    for (let i = 0; i < 120; i++) await outbox.put(makeRecord(id(i), T0));
    disk.log.length = 0;
    present(page.host.navigator).onLine = true;
    page.fire('online');
    await idle();
    expect(server.stored.size).toBe(120);
    // A lease reads the shared delivery state in the same transaction (one key more).
    expect(disk.log).toEqual([
      '51 keys: 50 leased, 0 deleted',
      '50 keys: 0 leased, 50 deleted',
      '51 keys: 50 leased, 0 deleted',
      '50 keys: 0 leased, 50 deleted',
      '21 keys: 20 leased, 0 deleted',
      '20 keys: 0 leased, 20 deleted',
    ]);
  });

  it('a version written between the lease and the delete survives and is sent next', async () => {
    const disk = countingStore();
    const page = fakeHost({ navigator: { onLine: false } });
    const { outbox, server, store } = setup({ store: disk.store }, page);
    const r1 = makeRecord(id(1), T0);
    const r2 = version(r1, { status: 'answered', score: 6, category: 'detractor' });
    await outbox.put(r1);
    await outbox.put(makeRecord(id(2), T0));
    let once = true;
    disk.between(async () => {
      if (once) {
        once = false;
        await outbox.put(r2);
      }
    });
    disk.log.length = 0;
    present(page.host.navigator).onLine = true;
    page.fire('online');
    await idle();
    expect(server.requests.map((r) => r.body.responses.map((x) => x.updatedAt))).toEqual([
      [r1.updatedAt, r1.updatedAt],
      [r2.updatedAt],
    ]);
    // The first batch's delete removed only record 2: record 1 had a newer version by then.
    expect(disk.log.slice(0, 2)).toEqual(['3 keys: 2 leased, 0 deleted', '2 keys: 0 leased, 1 deleted']);
    expect(server.stored.get(r1.id)).toEqual(r2);
    expect(await queued(store)).toEqual([]);
  });
});

describe('upgrade safety: records, dead letters and state stored by widget 0.1', () => {
  it('migrates a bare record (format 0) under the old key and delivers it', async () => {
    const { make, store, server } = setup();
    const old = makeRecord(id(1), T0, { sdk: 'nps-widget@0.1.0' });
    await store.set(`r:${id(1)}`, old);
    const o = make();
    await idle();
    expect(server.stored.get(id(1))).toEqual(old);
    expect(await store.get(`r:${id(1)}`)).toBeUndefined();
    expect(await queued(store)).toEqual([]);
    o.close();
  });

  it('moves short-named envelopes, dead letters and delivery state to the readable keys, losing nothing', async () => {
    const { make, store, server } = setup();
    server.setPolicy(() => ({ kind: 'drop' }));
    const queuedOld = Array.from({ length: 3 }, (_, i) => makeRecord(id(i), T0));
    for (const r of queuedOld) await store.set(`r:${r.id}`, { f: 1, r, l: T0 - 1 });
    const refused = makeRecord(id(7), T0);
    await store.set(`d:${refused.id}`, { f: 1, r: refused, e: 'bad locale' });
    await store.set('o:meta', { a: 2, b: T0 + 5_000, w: T0 + 7_000 });
    const o = make();
    await idle();
    expect(await store.entries('r:')).toEqual([]);
    expect(await store.entries('d:')).toEqual([]);
    expect(await store.get('o:meta')).toBeUndefined();
    expect(await queued(store)).toEqual(queuedOld);
    expect(await store.get(DEAD_LETTER + refused.id)).toEqual({ format: 2, record: refused, error: 'bad locale' });
    expect(await store.get(DELIVERY_STATE)).toEqual({
      failedAttempts: 2,
      throttled: 0,
      backoffUntil: T0 + 5_000,
      retryAfterUntil: T0 + 7_000,
    });
    // The old state's Retry-After still holds: nothing went out before it.
    expect(server.requests).toHaveLength(0);
    o.close();
  });

  it('when both keys hold a version, the newer wins; an old key rewritten later is migrated too', async () => {
    const { make, store, server } = setup();
    server.setPolicy(() => ({ kind: 'drop' }));
    const r1 = makeRecord(id(1), T0);
    const r2 = version(r1, { status: 'answered', score: 8, category: 'passive' });
    await store.set(`r:${id(1)}`, { f: 1, r: r2 });
    await store.set(RECORD + id(1), { format: 2, record: r1 });
    const o = make();
    await idle();
    expect(await queued(store)).toEqual([r2]);
    // An old tab still open writes a newer version under the old key: the next pass moves it.
    const r3 = version(r2, { comment: 'ok' });
    await store.set(`r:${id(1)}`, { f: 1, r: r3 });
    server.setPolicy(() => ({ kind: 'ok' }));
    await o.flush();
    expect(server.stored.get(id(1))).toEqual(r3);
    expect(await store.entries('r:')).toEqual([]);
    o.close();
  });

  it('a new version replaces an old-format record', async () => {
    const { make, store, server } = setup();
    const old = makeRecord(id(1), T0);
    await store.set(RECORD + id(1), old);
    server.setPolicy(() => ({ kind: 'drop' }));
    const o = make();
    const v2 = version(old, { status: 'dismissed' });
    await o.put(v2);
    expect(await store.get(RECORD + id(1))).toEqual({ format: 2, record: v2 });
    await o.put(old);
    expect(await store.get<Envelope>(RECORD + id(1))).toMatchObject({ record: v2 });
    o.close();
  });
});

describe('several tabs', () => {
  it('a killed tab’s in-flight records are taken over once its lease runs out, not before', async () => {
    const { make, store, server } = setup({ lease: 30_000 });
    const never: typeof fetch = (...a) => {
      server.fetch(...a);
      return new Promise<Response>(() => {});
    };
    const a = make({ fetch: never });
    await a.put(makeRecord(id(1), T0));
    await idle();
    a.close(); // the tab dies with the request in flight; its lease stays in storage
    expect(present(await store.get<Envelope>(RECORD + id(1))).leasedUntil).toBe(T0 + 30_000);
    const b = make();
    await idle();
    expect(server.requests).toHaveLength(1);
    await advance(29_000, 1000);
    expect(server.requests).toHaveLength(1);
    await advance(2_000);
    expect(server.requests).toHaveLength(2);
    expect(await queued(store)).toEqual([]);
    b.close();
  });

  it('with Web Locks only one tab sends at a time, and every tab’s records are delivered', async () => {
    const locks = fakeLocks();
    const bus = fakeBus();
    const store = memoryKvStore();
    const server = fakeServer();
    let inFlight = 0;
    let maxInFlight = 0;
    const tracked: typeof fetch = async (...a) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
      return server.fetch(...a);
    };
    const tabs = ['a', 'b', 'c'].map(
      (t) =>
        setup(
          { store, fetch: tracked },
          fakeHost({ navigator: { locks: locks.forTab(t) }, BroadcastChannel: bus.Channel }),
        ).outbox,
    );
    for (let i = 0; i < 60; i++) await present(tabs[i % 3]).put(makeRecord(id(i), T0 + i));
    await advance(10_000);
    expect(server.stored.size).toBe(60);
    expect(maxInFlight).toBe(1);
    expect(locks.maxHolders).toBe(1);
    expect(bus.sent).toBeGreaterThan(0);
    for (const t of tabs) t.close();
    expect(bus.open).toBe(0);
  });

  it('shares Retry-After with the other tabs through storage and the channel', async () => {
    const bus = fakeBus();
    const store = memoryKvStore();
    const server = fakeServer();
    const a = setup({ store, fetch: server.fetch }, fakeHost({ BroadcastChannel: bus.Channel })).outbox;
    const pageB = fakeHost({ BroadcastChannel: bus.Channel });
    const b = setup({ store, fetch: server.fetch }, pageB).outbox;
    server.next({ kind: 'status', status: 429, retryAfter: '60' });
    await a.put(makeRecord(id(1), T0));
    await idle();
    pageB.fire('pagehide');
    await b.flush();
    await advance(59_000, 1000);
    expect(server.requests).toHaveLength(1);
    await advance(2_000);
    expect(server.stored.size).toBe(1);
    expect(server.early).toBe(0);
    a.close();
    b.close();
  });
});

it('records in storage are envelopes with readable names and a format version', async () => {
  const { outbox, store, server } = setup();
  server.setPolicy(() => ({ kind: 'drop' }));
  const r: ResponseRecord = makeRecord(id(1), T0);
  await outbox.put(r);
  expect(await store.get(RECORD + id(1))).toEqual({ format: 2, record: r });
});

it('a custom store that throws reaches onError as an NpsError, and nothing is lost', async () => {
  const { make, store, errors } = setup();
  await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0) });
  const broken = { ...store, entries: () => Promise.reject(new Error('disk on fire')) };
  const o = make({ store: broken });
  await idle();
  expect(errors.map((e) => [e.code, e.message])).toEqual([['delivery-failed', 'nps: Error: disk on fire']]);
  expect(await queued(store)).toHaveLength(1);
  o.close();
});

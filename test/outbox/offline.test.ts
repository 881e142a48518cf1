// Offline: while the browser says it is offline nothing is attempted and nothing is reported;
// `online` resumes at once. Failures while it claims to be online are retried (and reported) as before.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeHost, makeRecord } from '../helpers/outbox-fakes';
import { T0, advance, id, queued, setup } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

/** A page whose `navigator.onLine` the test sets, firing `online` as a browser would. */
function network(onLine: boolean) {
  const navigator = { onLine };
  const page = fakeHost({ navigator });
  return {
    page,
    navigator,
    goOnline() {
      navigator.onLine = true;
      page.fire('online');
    },
    goOffline() {
      navigator.onLine = false;
      page.fire('offline');
    },
  };
}

it('offline: no fetch, no timer, no error for a minute of records and page events; `online` delivers in one flush', async () => {
  const net = network(false);
  const { outbox, server, errors, store, delivered } = setup({}, net.page);
  for (let i = 0; i < 5; i++) await outbox.put(makeRecord(id(i), T0));
  net.page.hide();
  net.page.show();
  expect(await outbox.flush()).toEqual({ delivered: 0, pending: 5 });
  await advance(60_000, 1000);
  expect(server.requests).toHaveLength(0);
  expect(errors).toEqual([]);
  expect(vi.getTimerCount()).toBe(0);
  net.goOnline();
  await idle();
  expect(server.requests).toHaveLength(1);
  expect(delivered).toEqual([0, 1, 2, 3, 4].map(id));
  expect(await queued(store)).toEqual([]);
});

it('online skips the backoff wait of failures that happened before going offline', async () => {
  const net = network(true);
  const { outbox, server, errors } = setup({}, net.page);
  server.setPolicy(() => ({ kind: 'status', status: 503 }));
  await outbox.put(makeRecord(id(1), T0));
  await advance(10_000, 1000);
  const tried = server.requests.length;
  expect(tried).toBeGreaterThan(1);
  expect(errors.filter((e) => e.code === 'delivery-failed')).toHaveLength(tried);
  net.goOffline();
  await advance(10 * 60_000, 10_000);
  expect(server.requests).toHaveLength(tried);
  server.setPolicy(() => ({ kind: 'ok' }));
  net.goOnline();
  await idle();
  expect(server.requests).toHaveLength(tried + 1);
  expect(server.stored.size).toBe(1);
});

it('a request that fails because the browser went offline meanwhile is no failed attempt and no error', async () => {
  const net = network(true);
  let goOffline = true;
  const fetchThenOffline: typeof fetch = (...a) => {
    if (goOffline) {
      goOffline = false;
      net.navigator.onLine = false;
    }
    return server.fetch(...a);
  };
  const { outbox, server, errors, store } = setup({ fetch: fetchThenOffline }, net.page);
  server.next({ kind: 'drop' });
  await outbox.put(makeRecord(id(1), T0));
  await idle();
  expect(server.requests).toHaveLength(1);
  expect(errors).toEqual([]);
  expect(await store.get('delivery-state')).toBeUndefined();
  await advance(60_000, 1000);
  expect(server.requests).toHaveLength(1);
  net.goOnline();
  await idle();
  expect(server.stored.size).toBe(1);
});

it('a request that fails while the browser claims to be online is retried with backoff and reported', async () => {
  const { outbox, server, errors } = setup({}, network(true).page);
  server.next({ kind: 'drop' }, { kind: 'drop' });
  await outbox.put(makeRecord(id(1), T0));
  await advance(5_000);
  expect(server.requests).toHaveLength(3);
  expect(server.stored.size).toBe(1);
  expect(errors.map((e) => e.code)).toEqual(['delivery-failed', 'delivery-failed']);
});

it('at most one delivery-failed event per backoff step: three 429s in a row are one event', async () => {
  const { outbox, server, errors } = setup();
  server.next(
    { kind: 'status', status: 429, retryAfter: '1' },
    { kind: 'status', status: 429, retryAfter: '1' },
    { kind: 'status', status: 429, retryAfter: '1' },
    { kind: 'status', status: 500 },
  );
  await outbox.put(makeRecord(id(1), T0));
  // 429s back off exponentially too: 1 + 2 + 4 s, then 8 s after the 500.
  await advance(20_000);
  expect(server.requests).toHaveLength(5);
  expect(server.stored.size).toBe(1);
  expect(errors.map((e) => e.message)).toEqual(['nps: send failed (429)', 'nps: send failed (500)']);
});

import { expect, it } from 'vitest';
import { until, useOutboxHarness } from '../helpers/outbox-browser';

const h = useOutboxHarness();

const requestsFor = (id: string) => h.c.requests.filter((r) => r.ids.includes(id));

it('offline at submit → reload → online: delivered once, at its latest version', async () => {
  const page = await h.open();
  await h.warmedUp(page);
  await h.context.setOffline(true);
  const id = await h.record(page);
  expect(await h.queued(page)).toContain(`record:${id}`);
  await page.close();
  expect(h.c.stored.has(id)).toBe(false);
  await h.context.setOffline(false);
  const again = await h.open();
  await until(() => h.c.stored.has(id), 15_000, 'delivery after reload');
  expect(h.c.stored.get(id)?.status).toBe('dismissed');
  await until(async () => !(await h.queued(again)).length, 5_000, 'empty queue');
  expect((await h.events(again)).filter((e) => e.type === 'delivered').flatMap((e) => e.ids)).toContain(id);
  await again.close();
});

it('server 500 ×3 then 200: retried with backoff, stored once', async () => {
  const first = h.c.requests.length;
  h.c.answer((n) => (n - first <= 3 ? { status: 500 } : { status: 200 }));
  const page = await h.open();
  const id = await h.record(page);
  await until(() => h.c.stored.get(id)?.status === 'dismissed', 20_000, 'delivery');
  const tries = requestsFor(id);
  expect(tries.length).toBeGreaterThanOrEqual(4);
  expect(h.c.requests.slice(first, first + 3).every((r) => r.ids.includes(id))).toBe(true);
  await until(async () => !(await h.queued(page)).length, 5_000, 'empty queue');
  const codes = (await h.events(page)).filter((e) => e.type === 'error').map((e) => e.code);
  expect(codes).toContain('delivery-failed');
  await page.close();
});

it('429 with Retry-After: nothing is sent before it, even on flush()', async () => {
  const first = h.c.requests.length;
  h.c.answer((n) => (n === first + 1 ? { status: 429, headers: { 'Retry-After': '3' } } : { status: 200 }));
  const page = await h.open();
  const id = await h.record(page);
  await until(() => h.c.requests.length > first, 5_000, 'first request');
  const refusedAt = h.c.requests[first].at;
  expect(await h.flush(page)).toMatchObject({ delivered: 0 });
  await until(() => h.c.stored.get(id)?.status === 'dismissed', 20_000, 'delivery');
  const later = h.c.requests.slice(first + 1);
  expect(later.length).toBeGreaterThan(0);
  for (const r of later) expect(r.at - refusedAt).toBeGreaterThanOrEqual(2_900);
  await page.close();
});

it('page closed while a request hangs → delivered once after reopening', async () => {
  const first = h.c.requests.length;
  let hang = true;
  h.c.answer(() => (hang ? 'hang' : { status: 200 }));
  const page = await h.open();
  const id = await h.record(page);
  // The request that hangs carries the record's latest version, so its lease is what blocks others
  // (if the 'shown' version went out alone first, the latest follows once that request times out).
  await until(
    () => h.c.requests.slice(first).some((r) => r.body.responses.some((x) => x.id === id && x.status === 'dismissed')),
    20_000,
    'request in flight',
  );
  const sentAt = Date.now();
  await page.close(); // the page is gone; its request never gets an answer
  expect(h.c.stored.has(id)).toBe(false);
  hang = false;
  const again = await h.open();
  // The dead page's lease on the record (timeout 10 s + 5 s) must run out before this page takes it over.
  await until(() => h.c.stored.has(id), 40_000, 'delivery after reopening');
  expect(Date.now() - sentAt).toBeGreaterThan(14_000);
  await until(async () => !(await h.queued(again)).length, 5_000, 'empty queue');
  expect(h.c.stored.get(id)?.status).toBe('dismissed');
  expect([...h.c.stored.keys()].filter((k) => k === id)).toHaveLength(1);
  h.c.releaseHanging();
  await again.close();
}, 90_000);

it('IndexedDB unavailable → falls back (reported) and still delivers', async () => {
  h.c.answer(() => ({ status: 200 }));
  const page = await h.open(() => {
    Object.defineProperty(window, 'indexedDB', { get: () => undefined });
  });
  const id = await h.record(page);
  await until(() => h.c.stored.get(id)?.status === 'dismissed', 15_000, 'delivery');
  const codes = (await h.events(page)).filter((e) => e.type === 'error').map((e) => e.code);
  expect(codes).toContain('storage-fallback');
  await page.close();
});

it('IndexedDB open hanging → times out, falls back, still delivers', async () => {
  const page = await h.open(() => {
    IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest; // never fires success or error
  });
  const id = await h.record(page);
  await until(() => h.c.stored.get(id)?.status === 'dismissed', 15_000, 'delivery');
  expect((await h.events(page)).filter((e) => e.type === 'error').map((e) => e.code)).toContain('storage-fallback');
  await page.close();
});

it('IndexedDB writes failing with QuotaExceededError → falls back (reported), no uncaught page error, still delivers', async () => {
  h.c.answer(() => ({ status: 200 }));
  const page = await h.open(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const id = await h.record(page);
  await until(() => h.c.stored.get(id)?.status === 'dismissed', 15_000, 'delivery');
  expect((await h.events(page)).filter((e) => e.type === 'error').map((e) => e.code)).toContain('storage-fallback');
  expect(pageErrors).toEqual([]);
  await page.close();
});

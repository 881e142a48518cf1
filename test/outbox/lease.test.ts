// A lease no live sender could have set (ending more than two leases from now: the clock was set
// back, or a wrong clock wrote it) counts as run out, so it cannot hold a record for weeks.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RECORD } from '../../src/outbox/envelope';
import { makeRecord } from '../helpers/outbox-fakes';
import { T0, id, queued, setup } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

const YEAR = 365 * 864e5;

it('a record leased a year ahead is sent at once', async () => {
  const { make, store, server, delivered } = setup();
  await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0), leasedUntil: T0 + YEAR });
  const outbox = make();
  await idle();
  expect(delivered).toEqual([id(1)]);
  expect(await queued(store)).toEqual([]);
  expect(server.requests).toHaveLength(1);
  outbox.close();
});

it('page hide sends a record leased a year ahead, but not one another tab leased for the usual time', async () => {
  const { make, store, server, page } = setup();
  server.setPolicy(() => ({ kind: 'drop' }));
  const outbox = make();
  await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0), leasedUntil: T0 + YEAR });
  await store.set(RECORD + id(2), { format: 2, record: makeRecord(id(2), T0), leasedUntil: T0 + 15_000 });
  // Another tab wrote them: this one reads the queue when it is nudged (here by `online`).
  page.fire('online');
  await idle();
  const before = server.requests.length;
  page.hide();
  expect(Array.from(server.requests.slice(before), (r) => r.ids)).toEqual([[id(1)]]);
  outbox.close();
});

it('a lease another tab took a moment later than this tab read the clock still holds', async () => {
  const { make, store, server } = setup();
  server.setPolicy(() => ({ kind: 'drop' }));
  // The default lease is 15 s; the other tab's clock read came 50 ms after ours.
  await store.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0), leasedUntil: T0 + 15_050 });
  const outbox = make();
  await idle();
  expect(server.requests).toEqual([]);
  outbox.close();
});

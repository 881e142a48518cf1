// Page hide sends one keepalive request from what this tab knows, the batch it is sending right now
// included (the page may be going away, and a plain fetch dies with it), and a refused batch's halves
// still as keepalive requests.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeRecord, present, version } from '../helpers/outbox-fakes';
import { T0, id, queued, setup } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

it('a batch refused (413) during page hide is split into halves that are keepalive requests too', async () => {
  const { outbox, server, page, store } = setup();
  server.setPolicy(() => ({ kind: 'drop' }));
  for (let i = 0; i < 4; i++) await outbox.put(makeRecord(id(i), T0));
  await idle();
  const before = server.requests.length;
  server.setPolicy(() => ({ kind: 'ok' }));
  server.next({ kind: 'status', status: 413 });
  page.hide();
  await idle();
  const hidden = server.requests.slice(before);
  expect(Array.from(hidden, (r) => r.ids.length)).toEqual([4, 2, 2]);
  expect(Array.from(hidden, (r) => r.init.keepalive)).toEqual([true, true, true]);
  expect(await queued(store)).toEqual([]);
  outbox.close();
});

it('page hide sends the batch in flight again with keepalive (unload aborts a plain fetch); delivered once', async () => {
  const { make, server, page, delivered } = setup();
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  // The loop's request hangs until answered; the page-hide request goes through.
  const outbox = make({
    fetch: async (...a) => {
      if (!a[1]?.keepalive) await answered;
      return server.fetch(...a);
    },
  });
  await outbox.put(makeRecord(id(1), T0));
  await idle();
  page.hide();
  await idle();
  expect(Array.from(server.requests, (r) => [r.ids, !!r.init.keepalive])).toEqual([[[id(1)], true]]);
  answer();
  await idle();
  expect(Array.from(server.requests, (r) => r.ids)).toEqual([[id(1)], [id(1)]]);
  expect(delivered).toEqual([id(1)]);
  outbox.close();
});

it('page hide sends another record and a newer version of one in flight', async () => {
  const { make, server, page } = setup();
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const outbox = make({
    fetch: async (...a) => {
      if (!a[1]?.keepalive) await answered;
      return server.fetch(...a);
    },
  });
  const r1 = makeRecord(id(1), T0);
  await outbox.put(r1);
  await idle();
  const r1Answered = version(r1, { status: 'answered', score: 9, category: 'promoter' });
  await outbox.put(r1Answered);
  await outbox.put(makeRecord(id(2), T0));
  page.hide();
  await idle();
  const [keepalive] = server.requests;
  expect(keepalive?.init.keepalive).toBe(true);
  expect(Array.from(present(keepalive).body.responses, (r) => [r.id, r.updatedAt])).toEqual([
    [id(1), r1Answered.updatedAt],
    [id(2), r1.updatedAt],
  ]);
  answer();
  await idle();
  expect(server.stored.get(id(1))).toEqual(r1Answered);
  outbox.close();
});

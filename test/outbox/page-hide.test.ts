// Page hide sends one keepalive request from what this tab knows: never what this tab is sending
// right now, and a refused batch's halves still as keepalive requests (the page may be going away).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeRecord } from '../helpers/outbox-fakes';
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

// Consent: an outbox that is created but not started touches no storage, opens no channel, listens
// to nothing and sets no timer; importing the SDK touches no storage either.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createOutbox } from '../../src/outbox/outbox';
import { recordingStore } from '../helpers/fakes';
import { fakeBus, fakeHost, fakeServer, makeRecord } from '../helpers/outbox-fakes';
import { T0, id } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

it('createOutbox touches nothing until start(): no storage, channel, listener, timer or request', async () => {
  const disk = recordingStore();
  await disk.store.set(`record:${id(1)}`, { format: 2, record: makeRecord(id(1), T0) });
  disk.calls.length = 0;
  const bus = fakeBus();
  const page = fakeHost({ BroadcastChannel: bus.Channel });
  const server = fakeServer();
  const outbox = createOutbox({
    endpoint: 'https://collect.example/api/nps',
    headers: {},
    store: disk.store,
    fetch: server.fetch,
    now: Date.now,
    random: Math.random,
    onDelivered: () => {},
    onError: () => {},
    host: page.host,
  });
  await idle();
  expect(disk.calls).toEqual([]);
  expect(bus.open).toBe(0);
  expect(page.listeners).toBe(0);
  expect(vi.getTimerCount()).toBe(0);
  expect(server.requests).toHaveLength(0);
  outbox.start();
  await idle();
  expect(disk.calls.length).toBeGreaterThan(0);
  expect(bus.open).toBe(1);
  expect(page.listeners).toBeGreaterThan(0);
  expect(server.stored.has(id(1))).toBe(true);
  outbox.close();
  expect(bus.open).toBe(0);
});

it('importing the SDK and the outbox modules touches no storage', async () => {
  vi.resetModules();
  const open = vi.spyOn(indexedDB, 'open');
  const setItem = vi.spyOn(Storage.prototype, 'setItem');
  const getItem = vi.spyOn(Storage.prototype, 'getItem');
  try {
    await import('../../src/index');
    await import('../../src/outbox/open-store');
    await idle();
    expect(open).not.toHaveBeenCalled();
    expect(setItem).not.toHaveBeenCalled();
    expect(getItem).not.toHaveBeenCalled();
  } finally {
    open.mockRestore();
    setItem.mockRestore();
    getItem.mockRestore();
  }
});

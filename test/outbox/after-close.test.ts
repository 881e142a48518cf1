// close() comes on consent withdrawal (followed by erasing the store) and on destroy(): from then
// on the outbox sends nothing and leaves the store alone; its leases run out and another tab takes over.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DELIVERY_STATE, RECORD } from '../../src/outbox/envelope';
import { idbKvStore } from '../../src/outbox/idb-kv-store';
import { memoryKvStore, type KvStore } from '../../src/outbox/kv-store';
import { localKvStore } from '../../src/outbox/local-kv-store';
import { openStore } from '../../src/outbox/open-store';
import { recordingStore } from '../helpers/fakes';
import { fakeHost, makeRecord, memoryStorage, present } from '../helpers/outbox-fakes';
import { T0, advance, id, setup } from '../helpers/outbox-setup';
import { idle, until } from '../helpers/wait';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

/** A memory store whose batch claims (the transactions that also read the delivery state) wait for `release()`. */
function claimsOnHold(inner = memoryKvStore()) {
  let release = () => {};
  let holding = false;
  const store: KvStore = {
    ...inner,
    async updateMany(keys, fn) {
      if (keys[0] === DELIVERY_STATE && keys.length > 1) {
        holding = true;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return inner.updateMany(keys, fn);
    },
  };
  return {
    store,
    release: () => release(),
    get holding() {
      return holding;
    },
  };
}

it('close() while a batch is being claimed: the batch is not sent', async () => {
  const disk = claimsOnHold();
  const { outbox, server } = setup({ store: disk.store });
  await outbox.put(makeRecord(id(1), T0));
  await idle();
  expect(disk.holding).toBe(true);
  outbox.close();
  disk.release();
  await idle();
  expect(server.requests).toEqual([]);
  expect(await disk.store.get(RECORD + id(1))).toMatchObject({ record: { id: id(1) } });
});

it('consent withdrawn while a batch is in flight: its reply does not re-create the erased database', async () => {
  // fake-indexeddb settles on real timers.
  vi.useRealTimers();
  const name = 'withdrawn-while-sending';
  const store = openStore(
    () => {},
    () => idbKvStore(name),
    () => localKvStore(() => memoryStorage()),
  );
  const { make, server, errors } = setup({ store });
  let answer: (() => void) | undefined;
  const outbox = make({
    fetch: async (...a) => {
      await new Promise<void>((resolve) => {
        answer = resolve;
      });
      return server.fetch(...a);
    },
  });
  await outbox.put(makeRecord(id(1), Date.now()));
  expect(await until(() => !!answer)).toBe(true);
  // What consent(false) does.
  outbox.close();
  await store.erase();
  const databases = async () => Array.from(await indexedDB.databases(), (d) => d.name);
  expect(await databases()).not.toContain(name);
  present(answer, 'the request in flight')();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await databases()).not.toContain(name);
  expect(errors).toEqual([]);
});

it('a pass that runs only after close() (the lock manager answered late) reads and writes nothing', async () => {
  const disk = recordingStore();
  await disk.inner.set(RECORD + id(1), { format: 2, record: makeRecord(id(1), T0) });
  const silent = { request: () => new Promise<never>(() => {}) } as unknown as Pick<LockManager, 'request'>;
  const { outbox, server, errors } = setup({ store: disk.store }, fakeHost({ navigator: { locks: silent } }));
  outbox.start();
  await idle();
  const before = disk.calls.length;
  outbox.close();
  // After 2 s without an answer the outbox would send without the lock.
  await advance(3_000);
  expect(disk.calls.slice(before)).toEqual([]);
  expect(server.requests).toEqual([]);
  expect(errors).toEqual([]);
});

it('a batch in flight when close() comes keeps its lease until it runs out: the reply touches no storage', async () => {
  const disk = recordingStore();
  const { outbox, server } = setup({ store: disk.store });
  server.next({ kind: 'hang' });
  await outbox.put(makeRecord(id(1), T0));
  await idle();
  expect(server.requests).toHaveLength(1);
  const before = disk.calls.length;
  outbox.close();
  await advance(12_000); // the request times out
  expect(disk.calls.slice(before)).toEqual([]);
  expect(await disk.inner.get(RECORD + id(1))).toMatchObject({ leasedUntil: T0 + 15_000 });
});

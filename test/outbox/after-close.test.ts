// close() comes on consent withdrawal (followed by erasing the store) and on destroy(): from then
// on the outbox sends nothing and leaves the store alone; its leases run out and another tab takes over.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DELIVERY_STATE, RECORD } from '../../src/outbox/envelope';
import { memoryKvStore, type KvStore } from '../../src/outbox/kv-store';
import { makeRecord } from '../helpers/outbox-fakes';
import { T0, id, setup } from '../helpers/outbox-setup';
import { idle } from '../helpers/wait';

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
      if (keys[0] == DELIVERY_STATE && keys.length > 1) {
        holding = true;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return inner.updateMany(keys, fn);
    },
  };
  return { store, release: () => release(), get holding() { return holding; } };
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

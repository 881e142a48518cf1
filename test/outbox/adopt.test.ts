// What a past page had to leave in localStorage moves back into IndexedDB once it works again:
// nothing newer is lost, neither a version a tab still on the fallback writes meanwhile nor a
// user's answer time that IndexedDB holds an older state for.
import { expect, it } from 'vitest';
import { memoryKvStore, type ErasableKvStore } from '../../src/outbox/kv-store';
import { localKvStore } from '../../src/outbox/local-kv-store';
import { openStore } from '../../src/outbox/open-store';
import { memoryStorage } from '../helpers/outbox-fakes';

const at = (seconds: number) => `2026-11-23T10:00:0${seconds}.000Z`;
const envelope = (seconds: number) => ({ format: 2, record: { id: 'x', updatedAt: at(seconds) } });

/** An IndexedDB layer (in memory) that lets `meanwhile` run once, just before its first write. */
function idbLayer(meanwhile: () => Promise<void> = async () => {}) {
  const idb = memoryKvStore();
  let first = true;
  const layer: ErasableKvStore = {
    ...idb,
    async updateMany(keys, fn) {
      if (first) {
        first = false;
        await meanwhile();
      }
      return idb.updateMany(keys, fn);
    },
  };
  return { idb, layer };
}

it('a version a tab still on localStorage writes while the records move stays there, for the next move', async () => {
  const ls = memoryStorage();
  const fallbackTab = localKvStore(() => ls);
  await fallbackTab.set('record:x', envelope(1));
  const { idb, layer } = idbLayer(() => fallbackTab.set('record:x', envelope(2)));
  const store = openStore(
    () => {},
    () => layer,
    () => localKvStore(() => ls),
  );
  await store.get('anything');
  expect(await idb.get('record:x')).toEqual(envelope(1));
  expect(await fallbackTab.get('record:x')).toEqual(envelope(2));
  // The next page moves it, and the newer version wins.
  await openStore(
    () => {},
    () => layer,
    () => localKvStore(() => ls),
  ).get('anything');
  expect(await idb.get('record:x')).toEqual(envelope(2));
  expect(ls.length).toBe(0);
});

it('user state keeps the later time of each field: an answer stored on the fallback still throttles', async () => {
  const ls = memoryStorage();
  await localKvStore(() => ls).set('user-state:u1', { answeredAt: 3_000, dismissedAt: 1_000 });
  const { idb, layer } = idbLayer();
  await idb.set('user-state:u1', { answeredAt: 2_000, dismissedAt: 5_000 });
  await idb.set('anonymous-id', 'kept');
  await localKvStore(() => ls).set('anonymous-id', 'left');
  const store = openStore(
    () => {},
    () => layer,
    () => localKvStore(() => ls),
  );
  expect(await store.get('user-state:u1')).toEqual({ answeredAt: 3_000, dismissedAt: 5_000 });
  expect(await store.get('anonymous-id')).toBe('kept');
  expect(ls.length).toBe(0);
});

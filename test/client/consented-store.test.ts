import { describe, expect, it } from 'vitest';
import { consentedStore } from '../../src/client/consented-store';
import { memoryKvStore, type ErasableKvStore } from '../../src/outbox/kv-store';
import { recordingStore } from '../helpers/fakes';
import { ticks } from '../helpers/wait';

/** A memory store whose writes wait until the test releases them (a slow disk). */
function slowStore() {
  const inner = memoryKvStore();
  const held: (() => void)[] = [];
  const slow =
    <A extends unknown[]>(write: (...a: A) => Promise<void>) =>
    (...a: A) =>
      new Promise<void>((resolve, reject) => held.push(() => write(...a).then(resolve, reject)));
  const store: ErasableKvStore = {
    ...inner,
    set: slow(inner.set),
    update: slow(inner.update) as ErasableKvStore['update'],
  };
  return {
    store,
    inner,
    release: () => {
      for (const write of held.splice(0)) write();
    },
  };
}

describe('consentedStore', () => {
  it('while consent is not given, refuses writes and reads nothing, without touching the store', async () => {
    const disk = recordingStore();
    await disk.inner.set('a', 1);
    const store = consentedStore(disk.store, () => false);
    await expect(store.set('b', 2)).rejects.toThrow('consent was withdrawn; nothing is stored');
    await expect(store.update('a', () => 3)).rejects.toMatchObject({ code: 'storage-failed' });
    await expect(store.del('a')).rejects.toThrow();
    // A read would open (and so re-create) an erased IndexedDB database.
    expect(await store.get('a')).toBeUndefined();
    expect(await store.entries('')).toEqual([]);
    expect(disk.calls).toEqual([]);
    expect(await disk.inner.entries('')).toEqual([['a', 1]]);
  });

  it('erase() waits for the writes under way, so none lands after it', async () => {
    let granted = true;
    const { store: slow, inner, release } = slowStore();
    const store = consentedStore(slow, () => granted);
    const written = store.set('anonymous-id', 'a-1');
    granted = false;
    const erased = store.erase();
    await ticks(2);
    release();
    await written;
    await erased;
    expect(await inner.entries('')).toEqual([]);
  });

  it('what comes after an erase (consent given again) waits for it', async () => {
    let granted = true;
    const inner = memoryKvStore();
    await inner.set('old', 1);
    let finishErase!: () => void;
    const store = consentedStore(
      { ...inner, erase: () => new Promise<void>((r) => (finishErase = r)).then(inner.erase) },
      () => granted,
    );
    granted = false;
    const erased = store.erase();
    granted = true;
    const written = store.set('new', 2);
    await ticks(2);
    expect(await inner.get('new')).toBeUndefined();
    finishErase();
    await erased;
    await written;
    expect(await inner.entries('')).toEqual([['new', 2]]);
  });

  it('a failed erase rejects, and later operations still run', async () => {
    const inner = memoryKvStore();
    const store = consentedStore({ ...inner, erase: async () => Promise.reject(new Error('blocked')) }, () => true);
    await expect(store.erase()).rejects.toThrow('blocked');
    await store.set('a', 1);
    expect(await store.get('a')).toBe(1);
  });
});

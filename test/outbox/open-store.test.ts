import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import { idbKvStore } from '../../src/outbox/idb-kv-store';
import { memoryKvStore, type ErasableKvStore } from '../../src/outbox/kv-store';
import { localKvStore } from '../../src/outbox/local-kv-store';
import { openStore } from '../../src/outbox/open-store';
import { failingStore, type Failure, memoryStorage, present } from '../helpers/outbox-fakes';

afterEach(() => void vi.useRealTimers());

let dbs = 0;
/** A fresh IndexedDB database (fake-indexeddb) per call, so tests do not share data. */
const freshIdb = () => idbKvStore(`test-${++dbs}`);

function chain(idb: () => ErasableKvStore, ls: Storage = memoryStorage()) {
  const errors: NpsError[] = [];
  const store = openStore(
    (e) => errors.push(e),
    idb,
    () => localKvStore(() => ls),
  );
  return { store, errors, ls };
}
const fallbacks = (errors: NpsError[]) => errors.filter((e) => e.code === 'storage-fallback').map((e) => e.message);

describe('idbKvStore', () => {
  it('updates atomically, deletes when the updater returns undefined, lists one prefix in key order', async () => {
    const s = freshIdb();
    await s.set('u:x', 1);
    await s.set('r:b', 2);
    await s.set('r:a', 1);
    await s.update<number>('r:a', (v) => (v as number) + 10);
    await s.update<number>('r:b', () => undefined);
    expect(await s.entries('r:')).toEqual([['r:a', 11]]);
    expect(await s.get('r:b')).toBeUndefined();
    // Concurrent read-modify-writes on one key never lose an increment.
    await Promise.all(Array.from({ length: 20 }, () => s.update<number>('n', (v: number | undefined) => (v ?? 0) + 1)));
    expect(await s.get('n')).toBe(20);
  });

  it('a write the database refuses after accepting it (an async request error) rejects with an error, never null', async () => {
    const s = freshIdb();
    await s.set('k', 1);
    // As a full disk or an engine's I/O error would: the request fails, the transaction aborts, and
    // the transaction's own error may still be null when its abort event fires.
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value,
      key,
    ) {
      return this.add(value, key);
    });
    try {
      const error = await s.set('k', 2).then(
        () => 'stored',
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
    } finally {
      put.mockRestore();
    }
    expect(await s.get('k')).toBe(1);
  });

  it('two connections to one database (two tabs) never interleave a read-modify-write', async () => {
    const a = idbKvStore(`shared-${++dbs}`);
    const b = idbKvStore(`shared-${dbs}`);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).update<number>('n', (v: number | undefined) => (v ?? 0) + 1),
      ),
    );
    expect(await a.get('n')).toBe(30);
  });
});

describe('localKvStore', () => {
  it('keeps JSON under its own prefix and lists one prefix in order', async () => {
    const ls = memoryStorage();
    ls.setItem('other', 'x');
    const s = localKvStore(() => ls);
    await s.set('r:2', { a: 2 });
    await s.set('r:1', { a: 1 });
    await s.update<{ a: number }>('r:1', (v) => ({ a: (v as { a: number }).a + 1 }));
    await s.update('r:2', () => undefined);
    expect(await s.entries('r:')).toEqual([['r:1', { a: 2 }]]);
    expect(ls.getItem('nps:r:1')).toBe('{"a":2}');
    expect(ls.getItem('other')).toBe('x');
  });
});

describe('openStore', () => {
  it('uses IndexedDB when it works, with no event', async () => {
    const idb = freshIdb();
    const { store, errors, ls } = chain(() => idb);
    await store.set('r:1', 1);
    expect(await idb.get('r:1')).toBe(1);
    expect(ls.length).toBe(0);
    expect(errors).toEqual([]);
  });

  it('works with the real default (fake-indexeddb in this environment)', async () => {
    const errors: NpsError[] = [];
    const store = openStore((e) => errors.push(e));
    await store.set('k', { v: 1 });
    expect(await store.get('k')).toEqual({ v: 1 });
    expect(errors).toEqual([]);
  });

  it.each<[string, Failure]>([
    ['missing or refused', 'throws'],
    ['over quota', 'quota'],
  ])('IndexedDB %s → localStorage, reported once, data kept', async (_, failure) => {
    const { store, errors, ls } = chain(() => failingStore(memoryKvStore(), failure).store);
    await store.set('r:1', { f: 1 });
    await store.set('r:2', { f: 2 });
    expect(await store.entries('r:')).toEqual([
      ['r:1', { f: 1 }],
      ['r:2', { f: 2 }],
    ]);
    expect(ls.getItem('nps:r:1')).toBe('{"f":1}');
    expect(fallbacks(errors)).toEqual(['nps: storage fell back to localStorage']);
  });

  it('IndexedDB that is not there at all (constructor throws) → localStorage', async () => {
    const { store, errors } = chain(() => {
      throw new ReferenceError('indexedDB is not defined');
    });
    await store.set('a', 1);
    expect(await store.get('a')).toBe(1);
    const [fallback] = errors;
    expect(present(fallback).cause ?? present(fallback).details).toBeInstanceOf(ReferenceError);
  });

  it('an open that hangs times out after 2 s and falls back, without a second 2 s wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let opens = 0;
    const { store, errors } = chain(() => {
      opens++;
      return failingStore(memoryKvStore(), 'hangs').store;
    });
    const put = store.set('r:1', 1);
    let done = false;
    void put.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(done).toBe(true);
    expect(opens).toBe(1);
    expect(await store.get('r:1')).toBe(1);
    expect(fallbacks(errors)).toHaveLength(1);
  });

  it('a connection closed mid-session is reopened once, silently', async () => {
    const data = memoryKvStore();
    let opens = 0;
    const { store, errors, ls } = chain(() => (++opens === 1 ? failingStore(data, 'closes', 2).store : data));
    await store.set('r:1', 1);
    await store.set('r:2', 2);
    await store.set('r:3', 3); // the first connection is gone by now
    expect(opens).toBe(2);
    expect(await data.entries('r:')).toHaveLength(3);
    expect(ls.length).toBe(0);
    expect(errors).toEqual([]);
  });

  it('if the reopened connection fails too → localStorage', async () => {
    let opens = 0;
    const { store, errors } = chain(() => failingStore(memoryKvStore(), 'closes', opens++ ? 0 : 1).store);
    await store.set('a', 1);
    await store.set('b', 2);
    expect(await store.get('b')).toBe(2);
    expect(opens).toBe(2);
    expect(fallbacks(errors)).toEqual(['nps: storage fell back to localStorage']);
  });

  it('localStorage over quota or blocked → memory, each move reported; the store still works', async () => {
    const { store, errors } = chain(() => failingStore(memoryKvStore(), 'throws').store, memoryStorage(20));
    await store.set('r:1', { comment: 'a long enough value to blow the quota' });
    expect(await store.get('r:1')).toEqual({ comment: 'a long enough value to blow the quota' });
    expect(fallbacks(errors)).toEqual(['nps: storage fell back to localStorage', 'nps: storage fell back to memory']);
    const blocked = openStore(
      (e) => errors.push(e),
      () => failingStore(memoryKvStore(), 'throws').store,
      () => {
        throw new DOMException('denied', 'SecurityError');
      },
    );
    await blocked.set('x', 1);
    expect(await blocked.get('x')).toBe(1);
  });

  it('concurrent failures move down one layer, not one per operation', async () => {
    const { store, errors, ls } = chain(() => failingStore(memoryKvStore(), 'throws').store);
    await Promise.all([store.set('a', 1), store.set('b', 2), store.set('c', 3)]);
    expect(ls.length).toBe(3);
    expect(fallbacks(errors)).toHaveLength(1);
  });

  it('records a past page left in localStorage move back into IndexedDB, newest version winning', async () => {
    const ls = memoryStorage();
    const left = localKvStore(() => ls);
    await left.set('r:1', { f: 1, r: { updatedAt: '2026-11-23T10:00:02.000Z' } });
    await left.set('r:2', { f: 1, r: { updatedAt: '2026-11-23T10:00:00.000Z' } });
    const idb = freshIdb();
    await idb.set('r:2', { f: 1, r: { updatedAt: '2026-11-23T10:00:05.000Z' } });
    const { store } = chain(() => idb, ls);
    expect(await store.entries('r:')).toEqual([
      ['r:1', { f: 1, r: { updatedAt: '2026-11-23T10:00:02.000Z' } }],
      ['r:2', { f: 1, r: { updatedAt: '2026-11-23T10:00:05.000Z' } }],
    ]);
    expect(ls.length).toBe(0);
  });

  it('memory failing too is a storage-failed error, never a silent loss', async () => {
    const { store } = chain(() => failingStore(memoryKvStore(), 'throws').store, memoryStorage(0));
    await expect(store.set('x', () => 1)).rejects.toMatchObject({ code: 'storage-failed' });
  });
});

describe('consent: nothing touches the device before the first operation, and erase() removes everything', () => {
  const databases = async () => Array.from(await indexedDB.databases(), (d) => d.name);

  it('openStore() creates no database and writes no key until its first operation', async () => {
    const name = `lazy-${++dbs}`;
    const ls = memoryStorage();
    const errors: NpsError[] = [];
    const store = openStore(
      (e) => errors.push(e),
      () => idbKvStore(name),
      () => localKvStore(() => ls),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(await databases()).not.toContain(name);
    expect(ls.length).toBe(0);
    await store.set('k', 1);
    expect(await databases()).toContain(name);
  });

  it('erase() deletes the IndexedDB database, every nps: localStorage key and the memory layer; other keys stay', async () => {
    const name = `erase-${++dbs}`;
    const ls = memoryStorage();
    ls.setItem('nps:record:left-by-a-past-page', '{}');
    ls.setItem('nps:anon', '"a"');
    ls.setItem('host-app-key', 'mine');
    const errors: NpsError[] = [];
    const store = openStore(
      (e) => errors.push(e),
      () => idbKvStore(name),
      () => localKvStore(() => ls),
    );
    await store.set('record:1', { format: 2 });
    expect(await databases()).toContain(name);
    await store.erase();
    expect(await databases()).not.toContain(name);
    expect(Object.keys(ls)).toEqual(['host-app-key']);
    expect(await store.entries('')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('erase() also empties the memory layer when everything had fallen back to it', async () => {
    // IndexedDB missing (nothing to erase there), localStorage full: records live in memory.
    const missing = () => ({ ...failingStore(memoryKvStore(), 'throws').store, erase: async () => {} });
    const { store } = chain(missing, memoryStorage(0));
    await store.set('record:1', { format: 2 });
    expect(await store.get('record:1')).toEqual({ format: 2 });
    await store.erase();
    expect(await store.get('record:1')).toBeUndefined();
  });

  it('erase() that cannot reach a layer says so (storage-failed), after erasing the others', async () => {
    const ls = memoryStorage();
    ls.setItem('nps:anon', '"a"');
    const { store } = chain(() => failingStore(memoryKvStore(), 'throws').store, ls);
    await expect(store.erase()).rejects.toMatchObject({
      code: 'storage-failed',
      message: 'nps: could not erase everything stored on this device',
    });
    expect(ls.length).toBe(0);
  });

  it('erase() closes this tab’s connection first, so the deletion is not blocked by it', async () => {
    const name = `blocked-${++dbs}`;
    const store = idbKvStore(name);
    await store.set('k', 1);
    await store.erase();
    expect(await databases()).not.toContain(name);
    // The store opens a fresh database on its next use.
    await store.set('k', 2);
    expect(await store.get('k')).toBe(2);
  });
});

describe('hostile pages', () => {
  it('a write that throws QuotaExceededError inside IndexedDB rejects with that error (no uncaught page error) and falls back', async () => {
    const put = IDBObjectStore.prototype.put;
    const uncaught: unknown[] = [];
    const onError = (e: ErrorEvent) => uncaught.push(e.error);
    window.addEventListener('error', onError);
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const idb = freshIdb();
      await expect(idb.set('k', 1)).rejects.toMatchObject({ name: 'QuotaExceededError' });
      const { store, errors } = chain(() => idb);
      await store.set('k', 2);
      expect(await store.get('k')).toBe(2);
      expect(fallbacks(errors)).toEqual(['nps: storage fell back to localStorage']);
    } finally {
      IDBObjectStore.prototype.put = put;
      window.removeEventListener('error', onError);
    }
    expect(uncaught).toEqual([]);
  });

  it('Object.prototype.then defined by the page: a clear storage-failed error at once, not a hang', async () => {
    const { store } = chain(freshIdb);
    // Defined only while the store is called (synchronously): the test runner itself needs promises.
    Object.defineProperty(Object.prototype, 'then', { value: () => {}, configurable: true, writable: true });
    let put: Promise<void>;
    try {
      put = store.set('k', 1);
    } finally {
      delete (Object.prototype as { then?: unknown }).then;
    }
    await expect(put).rejects.toMatchObject({
      code: 'storage-failed',
      message: expect.stringMatching(/Object\.prototype\.then/),
    });
  });
});

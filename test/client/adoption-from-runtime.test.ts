// The SDK's store moves what a past page had to leave in localStorage back into IndexedDB with the
// adoption it loads from survey.js, and loads it only when localStorage holds widget keys; a load
// that fails or hangs loses nothing: the records stay in localStorage for a later page.
import { afterEach, expect, it, vi } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import { adoptionFromRuntime } from '../../src/client/adoption-from-runtime';
import type { SurveyRuntime } from '../../src/client/load-prompt';
import { memoryKvStore } from '../../src/outbox/kv-store';
import { localKvStore } from '../../src/outbox/local-kv-store';
import { openStoreChain } from '../../src/outbox/open-store-chain';
import * as surveyRuntime from '../../src/survey-entry';
import { memoryStorage } from '../helpers/outbox-fakes';

afterEach(() => void vi.useRealTimers());

const envelope = { format: 2, record: { id: 'x', updatedAt: '2026-11-23T10:00:01.000Z' } };

/** A store chain over an in-memory "IndexedDB" and `ls`, loading survey.js with `load`. */
function chain(ls: Storage, load: () => Promise<SurveyRuntime>) {
  const idb = memoryKvStore();
  const errors: NpsError[] = [];
  const loads = vi.fn(load);
  const store = openStoreChain(
    (e) => errors.push(e),
    adoptionFromRuntime(loads),
    () => idb,
    () => localKvStore(() => ls),
  );
  return { store, idb, errors, loads };
}

it('a page whose localStorage holds no widget keys does not load survey.js', async () => {
  const ls = memoryStorage();
  ls.setItem('acme-consent', 'yes');
  const { store, loads, errors } = chain(ls, async () => surveyRuntime);
  await store.set('k', 1);
  expect(await store.get('k')).toBe(1);
  expect(loads).not.toHaveBeenCalled();
  expect(errors).toEqual([]);
});

it('records a past page left in localStorage move into IndexedDB through survey.js before the first operation', async () => {
  const ls = memoryStorage();
  await localKvStore(() => ls).set('record:x', envelope);
  const { store, idb, loads } = chain(ls, async () => surveyRuntime);
  expect(await store.entries('record:')).toEqual([['record:x', envelope]]);
  expect(await idb.get('record:x')).toEqual(envelope);
  expect(loads).toHaveBeenCalledTimes(1);
  expect(ls.length).toBe(0);
});

it('survey.js that cannot load (offline) loses nothing: the records stay in localStorage, IndexedDB stays in use', async () => {
  const ls = memoryStorage();
  await localKvStore(() => ls).set('record:x', envelope);
  const { store, idb, errors } = chain(ls, () => Promise.reject(new TypeError('Failed to fetch')));
  await store.set('k', 1);
  expect(await idb.get('k')).toBe(1);
  expect(await localKvStore(() => ls).get('record:x')).toEqual(envelope);
  expect(errors).toEqual([]);
  // A later page that can load survey.js moves them.
  const later = chain(ls, async () => surveyRuntime);
  await later.store.get('anything');
  expect(await later.idb.get('record:x')).toEqual(envelope);
  expect(ls.length).toBe(0);
});

it('survey.js that does not load within 2 s loses nothing either, and IndexedDB stays in use', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const ls = memoryStorage();
  await localKvStore(() => ls).set('record:x', envelope);
  const { store, idb, errors } = chain(ls, () => new Promise<SurveyRuntime>(() => {}));
  const written = store.set('k', 1);
  await vi.advanceTimersByTimeAsync(2000);
  await written;
  expect(await idb.get('k')).toBe(1);
  expect(await localKvStore(() => ls).get('record:x')).toEqual(envelope);
  expect(errors).toEqual([]);
});

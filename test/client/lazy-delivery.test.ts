// The delivery machinery (the outbox's sync loop) lives in the survey runtime and loads only when
// there is something to deliver: records left by an earlier page, a shown survey, flush().
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import type { CreateOutbox } from '../../src/client/lazy-outbox';
import { lazyOutbox } from '../../src/client/lazy-outbox';
import { memoryKvStore } from '../../src/outbox/kv-store';
import { createOutbox, type OutboxOptions } from '../../src/outbox/outbox';
import * as surveyRuntime from '../../src/survey-entry';
import { fakeEnv, fakeOutbox } from '../helpers/fakes';
import { makeRecord } from '../helpers/outbox-fakes';
import { T0, id } from '../helpers/outbox-setup';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

/** The survey runtime loader, counting its loads; the outbox it makes is the typed fake. */
function countingRuntime() {
  const fake = fakeOutbox();
  let loads = 0;
  const importSurvey = async () => {
    loads++;
    return { ...surveyRuntime, createOutbox: fake.factory };
  };
  return {
    importSurvey,
    fake,
    get loads() {
      return loads;
    },
  };
}

describe('delivery loads when there is something to deliver', () => {
  it('an empty queue: no survey runtime is loaded and no outbox made', async () => {
    const runtime = countingRuntime();
    const f = fakeEnv({ importSurvey: runtime.importSurvey, outbox: undefined });
    createClient({ endpoint }, f.env);
    await ticks(5);
    expect(runtime.loads).toBe(0);
    expect(runtime.fake.options).toBeUndefined();
  });

  it('records left by an earlier page (either key format): the runtime loads and delivery starts', async () => {
    for (const key of ['record:', 'r:']) {
      const store = memoryKvStore();
      await store.set(key + id(1), { format: 2, record: makeRecord(id(1), T0) });
      const runtime = countingRuntime();
      const f = fakeEnv({ store, importSurvey: runtime.importSurvey, outbox: undefined });
      createClient({ endpoint }, f.env);
      expect(await until(() => runtime.fake.options !== undefined)).toBe(true);
      expect(runtime.loads).toBe(1);
      expect(runtime.fake.options).toMatchObject({ endpoint });
      // The outbox gets the client's consent-gated view of that same store.
      expect(await runtime.fake.made.store.entries('')).toEqual(await store.entries(''));
    }
  });

  it('flush() loads it', async () => {
    const runtime = countingRuntime();
    const f = fakeEnv({ importSurvey: runtime.importSurvey, outbox: undefined });
    const nps = createClient({ endpoint }, f.env);
    await expect(nps.flush()).resolves.toEqual({ delivered: 0, pending: 0 });
    expect(runtime.loads).toBe(1);
  });

  it('a shown survey stores through the same loaded runtime (one load for the prompt and delivery)', async () => {
    const runtime = countingRuntime();
    const f = fakeEnv({ importSurvey: runtime.importSurvey, outbox: undefined });
    const nps = createClient({ endpoint }, f.env);
    void nps.show({ force: true });
    expect(await until(() => runtime.fake.puts.length === 1)).toBe(true);
    expect(runtime.loads).toBe(1);
  });
});

describe('lazyOutbox', () => {
  /** A loader that fails `failures` times, then gives the fake outbox. */
  function flakyLoader(failures: number) {
    const fake = fakeOutbox();
    let calls = 0;
    let started = 0;
    const create: CreateOutbox = (o) => ({ ...fake.factory(o), start: () => void started++ });
    const load = async () => {
      if (calls++ < failures) throw new TypeError('Failed to fetch dynamically imported module');
      return create;
    };
    return {
      load,
      fake,
      get calls() {
        return calls;
      },
      get started() {
        return started;
      },
    };
  }
  const options = (errors: string[]): OutboxOptions => ({
    endpoint,
    headers: {},
    store: memoryKvStore(),
    fetch: async () => new Response('{}'),
    now: () => T0,
    random: Math.random,
    onDelivered: () => {},
    onError: (e) => void errors.push(e.code),
  });

  it('a failed load is reported and tried again on `online`', async () => {
    const errors: string[] = [];
    const loader = flakyLoader(1);
    const page = new EventTarget();
    lazyOutbox(loader.load, options(errors), page).start();
    await ticks(2);
    expect(errors).toEqual(['load-failed']);
    expect(loader.started).toBe(0);
    page.dispatchEvent(new Event('online'));
    await ticks(2);
    expect(loader.calls).toBe(2);
    expect(loader.started).toBe(1);
  });

  it('a put whose load fails rejects (nothing counts as stored); the next put loads again and stores', async () => {
    const errors: string[] = [];
    const loader = flakyLoader(1);
    const outbox = lazyOutbox(loader.load, options(errors), new EventTarget());
    const record = makeRecord(id(2), T0);
    await expect(outbox.put(record)).rejects.toThrow('Failed to fetch');
    await outbox.put(record);
    expect(loader.fake.puts).toEqual([record]);
    expect(errors).toEqual(['load-failed']);
  });

  it('close() before the load ends closes the outbox when it arrives, and stops waiting for `online`', async () => {
    const loader = flakyLoader(0);
    const outbox = lazyOutbox(loader.load, options([]), new EventTarget());
    outbox.start();
    outbox.close();
    await ticks(2);
    expect(loader.fake.closed).toBe(true);
  });
});

describe('the outbox after close()', () => {
  it('an outbox written to after close() does not throw (BroadcastChannel closed)', async () => {
    const outbox = createOutbox({
      endpoint,
      headers: {},
      store: memoryKvStore(),
      fetch: async () => new Response('{}'),
      now: Date.now,
      random: Math.random,
      onDelivered: () => {},
      onError: () => {},
    });
    outbox.close();
    const r = {
      id: '019ab000-0000-7000-8000-000000000001',
      status: 'shown',
      anonymousId: 'a',
      locale: 'en',
      page: 'https://x/',
      shownAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      sdk: 'nps-widget@0.1.0',
    } as const;
    await expect(outbox.put(r)).resolves.toBeUndefined();
  });
});

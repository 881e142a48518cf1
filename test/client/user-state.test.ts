// The anonymous id and the throttle state a browser keeps (DESIGN "Eligibility"), shared by its tabs.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { idbKvStore } from '../../src/outbox/idb-kv-store';
import { fakeEnv, seededRandom } from '../helpers/fakes';
import { tick, ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
const DAY = 864e5;

describe('the anonymous id', () => {
  it('persists one anonymous id per browser until reset()', async () => {
    const f = fakeEnv();
    const first = createClient({ endpoint }, f.env);
    void first.show();
    await until(() => f.view.surveys.length > 0, 50);
    f.view.current.done();
    const anon = f.outbox.puts[0].anonymousId;
    expect(await f.store.get('anonymous-id')).toBe(anon);
    const again = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0 }, { ...f.env });
    void again.show();
    await tick();
    f.view.current.done();
    expect(f.outbox.last.anonymousId).toBe(anon);
    again.identify('u1');
    again.reset();
    void again.show();
    await tick();
    await tick();
    const after = f.outbox.last;
    expect(after.userId).toBeUndefined();
    expect(after.anonymousId).not.toBe(anon);
    expect(await f.store.get('anonymous-id')).toBe(after.anonymousId);
  });

  it('two tabs on a first visit agree on one anonymous id', async () => {
    const a = fakeEnv({ store: idbKvStore('nps-anon-race') });
    const b = fakeEnv({ store: idbKvStore('nps-anon-race'), random: seededRandom(2) });
    void createClient({ endpoint }, a.env).show();
    void createClient({ endpoint }, b.env).show();
    await ticks();
    expect(a.outbox.puts[0].anonymousId).toBe(b.outbox.puts[0].anonymousId);
  });
});

describe('stored user state', () => {
  it('moves version 1 keys (anon, u:<id>) to readable names and keeps the throttle', async () => {
    const f = fakeEnv();
    await f.store.set('anon', 'visitor-1');
    await f.store.set('u:visitor-1', { dismissedAt: f.clock.now() - DAY });
    const nps = createClient({ endpoint }, f.env);
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
    expect(await f.store.get('anonymous-id')).toBe('visitor-1');
    expect(await f.store.get('user-state:visitor-1')).toEqual({ dismissedAt: f.clock.now() - DAY });
    expect(await f.store.get('anon')).toBeUndefined();
    expect(await f.store.get('u:visitor-1')).toBeUndefined();
  });

  it('an identified user keeps their version 1 throttle state', async () => {
    const f = fakeEnv();
    await f.store.set('u:user-42', { answeredAt: f.clock.now() - DAY });
    const nps = createClient({ endpoint }, f.env);
    nps.identify('user-42');
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
    expect(await f.store.get('u:user-42')).toBeUndefined();
  });

  it('when both names exist (another tab moved it), the new one wins', async () => {
    const f = fakeEnv();
    await f.store.set('anon', 'old');
    await f.store.set('anonymous-id', 'new');
    const nps = createClient({ endpoint }, f.env);
    void nps.show();
    await until(() => f.outbox.puts.length > 0);
    expect(f.outbox.puts[0].anonymousId).toBe('new');
    expect(await f.store.get('anon')).toBeUndefined();
  });
});

describe('the throttle state', () => {
  it('throttles across tabs through IndexedDB (two clients, one database)', async () => {
    const tabA = fakeEnv({ store: idbKvStore('nps-cross-tab') });
    const tabB = fakeEnv({ store: idbKvStore('nps-cross-tab') });
    const a = createClient({ endpoint }, tabA.env);
    const b = createClient({ endpoint }, tabB.env);
    a.identify('user-7');
    b.identify('user-7');
    void a.show({ stage: 'any' });
    await until(() => tabA.view.surveys.length > 0, 50);
    await tabA.view.current.answer(10);
    await expect(b.show({ stage: 'other' })).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
  });
});

// Consent (DESIGN "Consent"): while pending nothing touches the device or the network and show()
// is skipped as no-consent; consent(true) starts everything; consent(false) stops the widget and
// erases what it stored.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { makeRecord } from '../helpers/outbox-fakes';
import { T0, id } from '../helpers/outbox-setup';
import { fakeEnv, gatedTriggers, recordingStore } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

describe('consent: pending', () => {
  it('touches no storage, loads nothing, and show() resolves skipped no-consent with a skipped event', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint, consent: 'pending', stages: { checkout: {} } }, f.env);
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    f.idle.run();
    await expect(nps.show({ stage: 'checkout' })).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
    await expect(nps.show({ force: true })).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
    await expect(nps.flush()).resolves.toEqual({ delivered: 0, pending: 0 });
    nps.identify('user-1');
    nps.reset();
    await ticks(3);
    expect(skipped).toEqual([
      { reason: 'no-consent', stage: 'checkout' },
      { reason: 'no-consent', stage: undefined },
    ]);
    expect(disk.calls).toEqual([]);
    expect(f.outbox.options).toBeUndefined();
    expect(f.view.loads).toBe(0);
  });

  it('a trigger that fires while pending is skipped as no-consent', async () => {
    const triggers = gatedTriggers(true);
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store, importTriggers: triggers.importTriggers });
    const nps = createClient(
      { endpoint, consent: 'pending', stages: { upgraded: { on: { event: 'upgraded' } } } },
      f.env,
    );
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    nps.track('upgraded');
    expect(await until(() => skipped.length === 1)).toBe(true);
    expect(skipped).toEqual([{ reason: 'no-consent', stage: 'upgraded' }]);
    expect(disk.calls).toEqual([]);
  });
});

describe('consent(true)', () => {
  it('delivers what earlier pages left, warms up, and lets the prompt show', async () => {
    const disk = recordingStore();
    await disk.inner.set(`record:${id(1)}`, { format: 2, record: makeRecord(id(1), T0) });
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint, consent: 'pending' }, f.env);
    await ticks(3);
    expect(f.idle.pending).toBe(0);
    nps.consent(true);
    expect(await until(() => f.outbox.options !== undefined)).toBe(true);
    expect(f.idle.pending).toBe(1);
    const result = nps.show({ force: true });
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    expect(f.outbox.puts).toHaveLength(1);
    nps.dismiss();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
  });

  it('restarts the triggers, so the current page is evaluated again', async () => {
    const triggers = gatedTriggers(true);
    const f = fakeEnv({ importTriggers: triggers.importTriggers });
    const nps = createClient({ endpoint, consent: 'pending', stages: { anywhere: { on: { path: '/**' } } } }, f.env);
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    expect(await until(() => skipped.length === 1)).toBe(true);
    nps.consent(true);
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    expect(f.view.current.stage).toBe('anywhere');
    expect([triggers.watches, triggers.stops]).toEqual([2, 1]);
  });
});

describe('consent(false)', () => {
  it('closes the prompt, stops delivery and erases everything stored; show() is no-consent again', async () => {
    const disk = recordingStore();
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show({ force: true });
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    await disk.inner.set('user-state:someone', { answeredAt: T0 });
    await disk.inner.set('anon', 'old-anonymous-id');
    await disk.inner.set(`dead-letter:${id(3)}`, { format: 2, record: makeRecord(id(3), T0) });
    nps.consent(false);
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    expect(f.view.closedByClient).toBe(1);
    expect(f.outbox.closed).toBe(true);
    expect(await until(() => disk.calls.includes('erase'))).toBe(true);
    await ticks(2);
    expect(await disk.inner.entries('')).toEqual([]);
    await expect(nps.show({ force: true })).resolves.toEqual({ status: 'skipped', reason: 'no-consent' });
  });

  it('while still pending (declined on a later page) erases what an earlier page stored', async () => {
    const disk = recordingStore();
    await disk.inner.set('anonymous-id', 'a-1');
    const f = fakeEnv({ store: disk.store });
    const nps = createClient({ endpoint, consent: 'pending' }, f.env);
    nps.consent(false);
    await ticks(2);
    expect(disk.calls).toEqual(['erase']);
    expect(await disk.inner.entries('')).toEqual([]);
  });

  it('granted again after withdrawal: a new anonymous id, and the widget works', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const first = nps.show({ force: true });
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    nps.dismiss();
    await first;
    const firstAnonymous = f.outbox.puts[0].anonymousId;
    nps.consent(false);
    await ticks(2);
    nps.consent(true);
    const second = nps.show({ force: true });
    expect(await until(() => f.view.surveys.length === 2)).toBe(true);
    nps.dismiss();
    await second;
    expect(f.outbox.last.anonymousId).not.toBe(firstAnonymous);
  });
});

it('consent() and track() refuse bad arguments with a TypeError naming them', () => {
  const nps = createClient({ endpoint }, fakeEnv().env);
  expect(() => nps.consent('yes' as never)).toThrow(/consent\(granted\) must be true or false, got "yes"/);
  expect(() => nps.track(42 as never)).toThrow(/track\(event\) must be a non-empty string, got 42/);
  expect(() => nps.track('')).toThrow(TypeError);
});

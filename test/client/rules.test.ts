// show() under the rules (DESIGN "Eligibility"): a reason for every skip, calls that take turns,
// signup age, force, and the delay before the prompt shows.
import { describe, expect, it, vi } from 'vitest';
import type { NpsEvents } from '../../src/core/public-types';
import { createClient } from '../../src/client/create-client';
import { fakeEnv } from '../helpers/fakes';
import { until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
const DAY = 864e5;

/** Records every event the client emits, in order. */
function listen(nps: ReturnType<typeof createClient>) {
  const log: [keyof NpsEvents, unknown][] = [];
  for (const e of ['shown', 'score', 'response', 'dismissed', 'skipped', 'delivered', 'error'] as const) {
    nps.on(e, (p) => log.push([e, p]));
  }
  return log;
}

async function opened(f: ReturnType<typeof fakeEnv>) {
  await until(() => f.view.surveys.length > 0, 50);
  return f.view.current;
}

describe('show() under the rules', () => {
  it('skips with a reason and a skipped event', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, stages: { checkout: { sampleRate: 0 }, onboarded: {} } }, f.env);
    const log = listen(nps);
    const first = nps.show({ stage: 'onboarded' });
    await opened(f);
    await expect(nps.show({ stage: 'onboarded' })).resolves.toEqual({ status: 'skipped', reason: 'already-visible' });
    f.view.current.done();
    await first;
    // @ts-expect-error: not a configured stage
    await expect(nps.show({ stage: 'typo' })).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
    await expect(nps.show({ stage: 'checkout' })).resolves.toEqual({ status: 'skipped', reason: 'sampled-out' });
    expect(log.filter(([e]) => e === 'skipped')).toEqual([
      ['skipped', { reason: 'already-visible', stage: 'onboarded' }],
      ['skipped', { reason: 'unknown-stage', stage: 'typo' }],
      ['skipped', { reason: 'sampled-out', stage: 'checkout' }],
    ]);
  });

  it('lets concurrent calls take turns: a skipped call does not make the next one look visible', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, stages: { never: { sampleRate: 0 }, always: {} } }, f.env);
    const a = nps.show({ stage: 'never' });
    const b = nps.show({ stage: 'always' });
    const c = nps.show({ stage: 'always' });
    await expect(a).resolves.toEqual({ status: 'skipped', reason: 'sampled-out' });
    await expect(c).resolves.toEqual({ status: 'skipped', reason: 'already-visible' });
    (await opened(f)).done();
    await expect(b).resolves.toMatchObject({ status: 'dismissed' });
  });

  it('holds back users younger than minDaysSinceSignup', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, minDaysSinceSignup: 7 }, f.env);
    nps.identify('new', { signedUpAt: new Date(f.clock.now() - DAY).toISOString() });
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'too-early' });
    nps.identify('old', { signedUpAt: f.clock.now() - 8 * DAY });
    void nps.show();
    await opened(f);
    expect(f.outbox.puts[0].userId).toBe('old');
  });

  it('force shows despite throttle and sampling', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, sampleRate: 0 }, f.env);
    await f.store.set('anonymous-id', 'visitor-1');
    await f.store.set('user-state:visitor-1', { answeredAt: f.clock.now() });
    await expect(nps.show()).resolves.toMatchObject({ reason: 'throttled' });
    void nps.show({ force: true });
    expect((await opened(f)).messages.question).toContain('recommend us');
  });

  it('waits delayMs before showing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const f = fakeEnv();
      const nps = createClient({ endpoint, delayMs: 1500 }, f.env);
      void nps.show();
      await vi.advanceTimersByTimeAsync(1400);
      expect(f.view.surveys).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(200);
      expect(f.view.surveys).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { NpsEvents } from '../../src/core/public-types';
import { createClient } from '../../src/client/create-client';
import { isNpsError } from '../../src/core/errors';
import { fakeEnv, fakeLocales } from '../helpers/fakes';
import { tick, until } from '../helpers/wait';

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

describe('createNps', () => {
  it('shows, stores the score before the follow-up, then the comment, and resolves answered', async () => {
    const f = fakeEnv();
    const nps = createClient(
      { endpoint, product: 'Acme', stages: { checkout: { followUp: { promoter: 'What made checkout easy?' } } } },
      f.env,
    );
    const log = listen(nps);
    nps.identify('user-42', { plan: 'pro' });
    const result = nps.show({ stage: 'checkout', metadata: { cart: 3 } });
    const view = await opened(f);

    expect(view.messages.question).toBe('How likely are you to recommend Acme to a friend or colleague?');
    expect(view.messages.promoter).toBe('What made checkout easy?');
    expect(view.messages.detractor).toBe('What is the main reason for your score?');
    const shown = f.outbox.puts[0];
    expect(shown).toMatchObject({
      status: 'shown',
      userId: 'user-42',
      traits: { plan: 'pro' },
      stage: 'checkout',
      metadata: { cart: 3 },
      locale: 'en',
      sdk: 'nps-widget@0.1.0',
      shownAt: '2026-11-23T10:00:00.000Z',
    });
    expect(shown.page).toBe(location.origin + location.pathname);
    expect(log[0]).toEqual(['shown', { id: shown.id, stage: 'checkout' }]);

    f.clock.advance(5000);
    await view.answer(9);
    expect(f.outbox.puts[1]).toMatchObject({
      id: shown.id,
      status: 'answered',
      score: 9,
      category: 'promoter',
      answeredAt: '2026-11-23T10:00:05.000Z',
    });
    expect(log.at(-1)).toEqual(['score', { id: shown.id, stage: 'checkout', score: 9, category: 'promoter' }]);
    expect(await f.store.get('user-state:user-42')).toEqual({ answeredAt: f.clock.now() });

    await view.comment('  Fast and clear.  ');
    expect(f.outbox.latest.get(shown.id)).toMatchObject({ status: 'answered', score: 9, comment: 'Fast and clear.' });
    view.done();
    await expect(result).resolves.toEqual({
      status: 'answered',
      id: shown.id,
      score: 9,
      category: 'promoter',
      comment: 'Fast and clear.',
    });
    expect(log.filter(([e]) => e === 'response')).toEqual([
      ['response', { id: shown.id, stage: 'checkout', score: 9, category: 'promoter', comment: 'Fast and clear.' }],
    ]);
  });

  it('does not let the prompt move on before the answer is committed', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    void nps.show();
    const view = await opened(f);
    const release = f.outbox.stall();
    let stored = false;
    const pending = view.answer(3).then(() => (stored = true));
    await tick();
    expect(stored).toBe(false);
    release();
    await pending;
    expect(f.outbox.latest.values().next().value).toMatchObject({
      status: 'answered',
      score: 3,
      category: 'detractor',
    });
  });

  it('trims and caps the comment at commentMaxLength; an empty comment stores nothing new', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, commentMaxLength: 5 }, f.env);
    void nps.show();
    const view = await opened(f);
    await view.answer(7);
    const before = f.outbox.puts.length;
    await view.comment('   ');
    expect(f.outbox.puts.length).toBe(before);
    await view.comment(' abcdefgh ');
    expect(f.outbox.last.comment).toBe('abcde');
  });

  it('keeps every version strictly newer than the last, even with a frozen clock', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    void nps.show();
    const view = await opened(f);
    await view.answer(10);
    await view.comment('yes');
    const times = f.outbox.puts.map((r) => Date.parse(r.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it('dismissal before a score: record dismissed, cooldown remembered, next show throttled', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const log = listen(nps);
    const result = nps.show();
    const view = await opened(f);
    await view.dismiss();
    view.done();
    const { id } = f.outbox.puts[0];
    await expect(result).resolves.toEqual({ status: 'dismissed', id });
    expect(f.outbox.latest.get(id)).toMatchObject({ status: 'dismissed' });
    expect(log.map(([e]) => e)).toEqual(['shown', 'dismissed']);
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
    f.clock.advance(31 * DAY);
    void nps.show();
    await tick();
    expect(f.view.surveys.length).toBe(2);
  });

  it('closing after a score keeps it answered and emits response without comment', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const log = listen(nps);
    const result = nps.show();
    const view = await opened(f);
    await view.answer(8);
    nps.dismiss();
    const { id } = f.outbox.puts[0];
    await expect(result).resolves.toEqual({
      status: 'answered',
      id,
      score: 8,
      category: 'passive',
      comment: undefined,
    });
    expect(f.outbox.latest.get(id)).toMatchObject({ status: 'answered' });
    expect(f.view.closedByClient).toBe(1);
    expect(log.filter(([e]) => e === 'response')).toEqual([
      ['response', { id, stage: undefined, score: 8, category: 'passive', comment: undefined }],
    ]);
  });

  it('reports bad arguments clearly', async () => {
    const nps = createClient({ endpoint }, fakeEnv().env);
    expect(() => nps.identify('')).toThrow(/identify\(userId\) must be a non-empty string/);
    expect(() => nps.identify('u', { at: new Date() } as never)).toThrow(/identify\(userId, traits\) must be JSON/);
    await expect(nps.show({ metadata: { f: () => 1 } as never })).rejects.toThrow(
      /show\(\{ metadata \}\) must be JSON/,
    );
    await expect(nps.show({ stage: 5 as never })).rejects.toThrow(
      /show\(\{ stage \}\) must be a non-empty string \(≤ 200 characters, no NUL or unpaired surrogate\), got 5/,
    );
  });

  it('survives throwing handlers and reports them as error events', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const errors: unknown[] = [];
    nps.on('error', (e) => errors.push(e));
    nps.on('error', () => {
      throw new Error('error handlers may throw too');
    });
    nps.on('shown', () => {
      throw new Error('host bug');
    });
    const result = nps.show();
    (await opened(f)).done();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    expect(errors).toHaveLength(1);
    expect(isNpsError(errors[0]) && errors[0].code).toBe('handler-threw');
  });

  it('uses the resolved locale and stage messages', async () => {
    const f = fakeEnv({
      importLocale: fakeLocales({ de: { question: 'Wie wahrscheinlich empfehlen Sie {product}?', send: 'Senden' } })
        .importLocale,
    });
    const nps = createClient(
      { endpoint, locale: 'de', product: 'Acme', messages: { send: 'Abschicken' }, thanks: { message: 'Danke!' } },
      f.env,
    );
    void nps.show();
    const view = await opened(f);
    expect(view.locale).toBe('de');
    expect(view.messages).toMatchObject({
      question: 'Wie wahrscheinlich empfehlen Sie Acme?',
      send: 'Abschicken',
      thanks: 'Danke!',
    });
    expect(f.outbox.puts[0].locale).toBe('de');
  });

  it('delegates flush to the outbox and forwards delivered ids', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, headers: { 'X-NPS-Write-Key': 'k' } }, f.env);
    const log = listen(nps);
    // The outbox is made when it is first needed: here, by flush().
    await expect(nps.flush()).resolves.toEqual({ delivered: 0, pending: 0 });
    expect(f.outbox.options).toMatchObject({ endpoint, headers: { 'X-NPS-Write-Key': 'k' } });
    f.outbox.made.onDelivered(['a', 'b']);
    expect(log).toEqual([['delivered', { ids: ['a', 'b'] }]]);
    const r = f.outbox.made.random();
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import type { RenderedPrompt, Renderer, Survey } from '../../src/core/renderer';
import { createClient } from '../../src/client/create-client';
import { en } from '../../src/prompt/en';
import { fakeEnv, fakeLocales } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
const DAY = 864e5;

function errorsOf(nps: ReturnType<typeof createClient>) {
  const errors: NpsError[] = [];
  nps.on('error', (e) => errors.push(e));
  return errors;
}

describe('warm-up on idle', () => {
  it('loads the prompt and the page locale once, and show() reuses them', async () => {
    const locales = fakeLocales({ de: { send: 'Senden' } });
    const f = fakeEnv({ importLocale: locales.importLocale });
    const nps = createClient({ endpoint, locale: 'de' }, f.env);
    expect(f.view.loads).toBe(0);
    expect(f.idle.pending).toBe(1);
    f.idle.run();
    await ticks();
    expect(f.view.loads).toBe(1);
    expect(locales.requested).toEqual(['de']);
    void nps.show();
    await until(() => f.view.surveys.length > 0);
    expect(f.view.loads).toBe(1);
    expect(f.view.current.messages.send).toBe('Senden');
  });

  it('a throttled user downloads nothing', async () => {
    const locales = fakeLocales({ de: {} });
    const f = fakeEnv({ importLocale: locales.importLocale });
    await f.store.set('user-state:visitor-1', { answeredAt: f.clock.now() - DAY });
    await f.store.set('anonymous-id', 'visitor-1');
    createClient({ endpoint, locale: 'de' }, f.env);
    f.idle.run();
    await ticks();
    expect(f.view.loads).toBe(0);
    expect(locales.requested).toEqual([]);
  });

  it('warms up when one stage could still show (a shorter resurvey period)', async () => {
    const f = fakeEnv();
    await f.store.set('anonymous-id', 'visitor-1');
    await f.store.set('user-state:visitor-1', { answeredAt: f.clock.now() - 10 * DAY });
    createClient({ endpoint, stages: { often: { resurveyDays: 7 }, rarely: {} } }, f.env);
    f.idle.run();
    await ticks();
    expect(f.view.loads).toBe(1);
  });

  it('a failed warm-up is silent and show() tries again', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const errors = errorsOf(nps);
    f.view.failLoads(1);
    f.idle.run();
    await ticks();
    expect(errors).toEqual([]);
    void nps.show();
    await until(() => f.view.surveys.length > 0);
    expect(f.view.loads).toBe(2);
  });

  it('destroy() cancels a pending warm-up', () => {
    const f = fakeEnv();
    createClient({ endpoint }, f.env).destroy();
    expect(f.idle.pending).toBe(0);
  });
});

describe('a prompt that cannot load', () => {
  it('skips as unavailable, reports load-failed, stores nothing, and the next show() tries again', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const errors = errorsOf(nps);
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    f.view.failLoads(1);
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'unavailable' });
    expect(errors.map((e) => e.code)).toEqual(['load-failed']);
    expect(errors[0]!.details).toBeInstanceOf(TypeError);
    expect(skipped).toEqual([{ reason: 'unavailable', stage: undefined }]);
    expect(f.outbox.puts).toEqual([]);
    expect(await f.store.entries('user-state:')).toEqual([]);
    const second = nps.show();
    await until(() => f.view.surveys.length > 0);
    expect(f.view.loads).toBe(2);
    f.view.current.done();
    await expect(second).resolves.toMatchObject({ status: 'dismissed' });
  });

  it('a survey runtime that cannot load is unavailable too', async () => {
    const f = fakeEnv({ importSurvey: () => Promise.reject(new TypeError('Failed to fetch')) });
    const nps = createClient({ endpoint }, f.env);
    const errors = errorsOf(nps);
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'unavailable' });
    expect(errors.map((e) => e.code)).toEqual(['load-failed']);
  });
});

describe('the render option', () => {
  /** A custom renderer that keeps its surveys. */
  function custom() {
    const surveys: Survey[] = [];
    let closed = 0;
    const render: Renderer = (survey): RenderedPrompt => {
      surveys.push(survey);
      return { close: () => void closed++ };
    };
    return {
      render,
      surveys,
      get closed() {
        return closed;
      },
    };
  }

  it('replaces the built-in prompt: English comes from locales/en.js, the prompt never loads', async () => {
    const locales = fakeLocales();
    const f = fakeEnv({ importLocale: locales.importLocale });
    const mine = custom();
    const nps = createClient({ endpoint, product: 'Acme', render: mine.render }, f.env);
    f.idle.run();
    await ticks();
    const result = nps.show();
    await until(() => mine.surveys.length > 0);
    expect(f.view.loads).toBe(0);
    expect(locales.requested).toContain('en');
    const survey = mine.surveys[0]!;
    expect(survey.messages.question).toBe('How likely are you to recommend Acme to a friend or colleague?');
    expect(survey.locale).toBe('en');
    expect(survey.dir).toBe('ltr');
    expect(await survey.answer(10)).toBe('promoter');
    await survey.comment(' Great ');
    survey.done();
    await expect(result).resolves.toEqual({
      status: 'answered',
      id: survey.id,
      score: 10,
      category: 'promoter',
      comment: 'Great',
    });
    expect(f.outbox.latest.get(survey.id)).toMatchObject({ status: 'answered', score: 10, comment: 'Great' });
    expect(await f.store.get(`user-state:${f.outbox.puts[0]!.anonymousId}`)).toEqual({ answeredAt: f.clock.now() });
  });

  it('show({ render }) overrides the built-in prompt for one call; the throttle is shared', async () => {
    const f = fakeEnv();
    const mine = custom();
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show({ render: mine.render });
    await until(() => mine.surveys.length > 0);
    await mine.surveys[0]!.dismiss();
    mine.surveys[0]!.done();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
    expect(f.view.surveys).toHaveLength(0);
  });

  it('an async renderer: dismiss() while it renders closes what it returns', async () => {
    const f = fakeEnv();
    let returned!: (p: RenderedPrompt) => void;
    let closed = 0;
    const nps = createClient({ endpoint, render: () => new Promise((r) => (returned = r)) }, f.env);
    const result = nps.show();
    await until(() => !!returned);
    nps.dismiss();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    returned({ close: () => void closed++ });
    await ticks(3);
    expect(closed).toBe(1);
    expect(f.outbox.latest.get(f.outbox.puts[0]!.id)!.status).toBe('dismissed');
  });

  it('a renderer that closed itself and called done() is not closed again; dismiss() closes one that did not', async () => {
    const f = fakeEnv();
    const mine = custom();
    const nps = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0, render: mine.render }, f.env);
    const first = nps.show();
    await until(() => mine.surveys.length == 1);
    mine.surveys[0]!.done();
    await first;
    expect(mine.closed).toBe(0);
    const second = nps.show();
    await until(() => mine.surveys.length == 2);
    nps.dismiss();
    await expect(second).resolves.toMatchObject({ status: 'dismissed' });
    expect(mine.closed).toBe(1);
  });

  it('a renderer that throws rejects show() and frees the slot: the next show() renders', async () => {
    const f = fakeEnv();
    let calls = 0;
    const render: Renderer = () => {
      if (++calls == 1) throw new Error('renderer broke');
      return { close() {} };
    };
    const nps = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0, render }, f.env);
    await expect(nps.show()).rejects.toThrow('renderer broke');
    const second = nps.show();
    await until(() => calls == 2);
    nps.dismiss();
    await expect(second).resolves.toMatchObject({ status: 'dismissed' });
  });

  it('a renderer whose close() throws: the dismissal is still stored, show() resolves, the slot is free', async () => {
    const f = fakeEnv();
    let rendered = 0;
    const render: Renderer = () => {
      rendered++;
      return {
        close() {
          throw new Error('close broke');
        },
      };
    };
    const nps = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0, render }, f.env);
    const result = nps.show();
    await until(() => rendered == 1);
    await ticks(3);
    const errors: string[] = [];
    nps.on('error', (e) => errors.push(e.code));
    // Reported, not thrown into the page's code.
    expect(() => nps.dismiss()).not.toThrow();
    expect(errors).toEqual(['handler-threw']);
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    expect(f.outbox.latest.get(f.outbox.puts[0]!.id)!.status).toBe('dismissed');
    void nps.show();
    await until(() => rendered == 2);
    expect(rendered).toBe(2);
  });

  it('show({ render }) must be a function', async () => {
    const nps = createClient({ endpoint }, fakeEnv().env);
    await expect(nps.show({ render: 'mine' as never })).rejects.toThrow(
      /show\(\{ render \}\) must be a function, got "mine"/,
    );
  });
});

describe('the Survey handle', () => {
  async function shown(
    options: Parameters<typeof createClient>[0] = { endpoint },
    over: Parameters<typeof fakeEnv>[0] = {},
  ) {
    const f = fakeEnv(over);
    const nps = createClient(options, f.env);
    const result = nps.show();
    await until(() => f.view.surveys.length > 0);
    return { f, nps, result, survey: f.view.current };
  }

  it('resolves every string: locale after fallback, messages, followUp, thanks.message, {product}', async () => {
    const { survey } = await shown(
      {
        endpoint,
        locale: 'fr-CA',
        product: 'Acme',
        messages: { send: 'Go' },
        followUp: { promoter: 'Pourquoi ?' },
        thanks: { message: 'Merci !' },
      },
      {
        importLocale: fakeLocales({ fr: { question: 'Recommanderiez-vous {product} ?', close: 'Fermer' } })
          .importLocale,
      },
    );
    expect(survey.locale).toBe('fr');
    expect(survey.messages).toEqual({
      ...en,
      question: 'Recommanderiez-vous Acme ?',
      close: 'Fermer',
      send: 'Go',
      promoter: 'Pourquoi ?',
      thanks: 'Merci !',
    });
  });

  it('is right to left for Arabic', async () => {
    const { survey } = await shown(
      { endpoint, locale: 'ar-EG' },
      { importLocale: fakeLocales({ ar: { send: 'إرسال' } }).importLocale },
    );
    expect([survey.locale, survey.dir]).toEqual(['ar', 'rtl']);
  });

  it('refuses scores outside 0–10 without storing anything', async () => {
    const { f, survey } = await shown();
    for (const bad of [11, -1, 3.5, NaN]) await expect(survey.answer(bad)).rejects.toThrow(TypeError);
    expect(f.outbox.puts).toHaveLength(1);
  });

  it('a score after a dismissal is refused, and the record stays dismissed', async () => {
    const { f, survey } = await shown();
    await survey.dismiss();
    await expect(survey.answer(9)).rejects.toThrow(/dismissed/);
    expect(f.outbox.latest.get(survey.id)!.status).toBe('dismissed');
  });

  it('a version that could not be stored is not reported: answer() rejects, and a retry stores it', async () => {
    const f = fakeEnv();
    let failNext = false;
    const outbox: typeof f.outbox.factory = (o) => {
      const inner = f.outbox.factory(o);
      return {
        ...inner,
        put: (r) => (failNext ? ((failNext = false), Promise.reject(new Error('quota'))) : inner.put(r)),
      };
    };
    const nps = createClient({ endpoint }, { ...f.env, outbox });
    const scores: number[] = [];
    nps.on('score', (e) => scores.push(e.score));
    void nps.show();
    await until(() => f.view.surveys.length > 0);
    failNext = true;
    await expect(f.view.current.answer(4)).rejects.toThrow('quota');
    expect(scores).toEqual([]);
    expect(f.outbox.puts.map((r) => r.status)).toEqual(['shown']);
    await expect(f.view.current.answer(4)).resolves.toBe('detractor');
    expect(scores).toEqual([4]);
    const [shown, answered] = f.outbox.puts;
    expect(Date.parse(answered!.updatedAt)).toBeGreaterThan(Date.parse(shown!.updatedAt));
  });

  it('the page removing the prompt counts as closed at the next show()', async () => {
    const { f, nps, result } = await shown();
    f.view.removeFromPage();
    const next = nps.show({ force: true });
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    await until(() => f.view.surveys.length > 1);
    expect(f.view.surveys).toHaveLength(2);
    f.view.current.done();
    await expect(next).resolves.toMatchObject({ status: 'dismissed' });
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
    expect(f.outbox.puts[0]!.anonymousId).toBe('new');
    expect(await f.store.get('anon')).toBeUndefined();
  });
});

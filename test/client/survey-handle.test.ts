// The Survey handle a renderer is given: every string resolved, the stage's options, and a record
// version stored before each call resolves.
import { describe, expect, it } from 'vitest';
import type { Renderer, Survey } from '../../src/core/renderer';
import { createClient } from '../../src/client/create-client';
import { en } from '../../src/prompt/en';
import { fakeEnv, fakeLocales } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

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
    expect(f.outbox.latest.get(survey.id)).toMatchObject({ status: 'dismissed' });
  });

  it('a version that could not be stored is not reported: answer() rejects, and a retry stores it', async () => {
    const f = fakeEnv();
    let failNext = false;
    const outbox: typeof f.outbox.factory = (o) => {
      const inner = f.outbox.factory(o);
      return {
        ...inner,
        put(r) {
          if (!failNext) return inner.put(r);
          failNext = false;
          return Promise.reject(new Error('quota'));
        },
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
    expect(Date.parse(answered.updatedAt)).toBeGreaterThan(Date.parse(shown.updatedAt));
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

  it('survey.options holds the stage options only: no endpoint, headers (a write key), stages, render or consent', async () => {
    const f = fakeEnv();
    const surveys: Survey[] = [];
    const render: Renderer = (survey) => {
      surveys.push(survey);
      return { close: () => {} };
    };
    const nps = createClient(
      {
        endpoint,
        headers: { 'x-write-key': 'secret' },
        consent: 'granted',
        render,
        resurveyDays: 60,
        stages: { checkout: { sampleRate: 1, on: { event: 'paid' }, theme: { accent: '#f00' } } },
      },
      f.env,
    );
    void nps.show({ stage: 'checkout' });
    await until(() => surveys.length > 0, 50);
    const given = surveys[0].options as unknown as Record<string, unknown>;
    for (const key of ['endpoint', 'headers', 'stages', 'render', 'consent', 'on'])
      expect(given).not.toHaveProperty(key);
    expect(JSON.stringify(given)).not.toContain('secret');
    expect(given).toMatchObject({ resurveyDays: 60, sampleRate: 1, theme: { accent: '#f00' } });
  });

  it('a product name with $ patterns is shown literally', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, product: "Bob$'s $& Shop" }, f.env);
    void nps.show();
    await ticks();
    expect(f.view.current.messages.question).toBe(
      "How likely are you to recommend Bob$'s $& Shop to a friend or colleague?",
    );
  });

  it('a nested option set to undefined keeps the default or the top-level value', async () => {
    const f = fakeEnv();
    const nps = createClient(
      {
        endpoint,
        followUp: { promoter: 'Top' },
        stages: { s: { followUp: { promoter: undefined }, messages: { send: undefined } } },
      },
      f.env,
    );
    void nps.show({ stage: 's' });
    await ticks();
    expect(f.view.current.messages).toMatchObject({ promoter: 'Top', send: 'Send' });
  });
});

import { describe, expect, it } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import type { RenderedPrompt, Renderer, Survey } from '../../src/core/renderer';
import { createClient } from '../../src/client/create-client';
import { fakeEnv, fakeLocales } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

function errorsOf(nps: ReturnType<typeof createClient>) {
  const errors: NpsError[] = [];
  nps.on('error', (e) => errors.push(e));
  return errors;
}

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
    expect(errors[0].details).toBeInstanceOf(TypeError);
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
    const survey = mine.surveys[0];
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
    expect(await f.store.get(`user-state:${f.outbox.puts[0].anonymousId}`)).toEqual({ answeredAt: f.clock.now() });
  });

  it('show({ render }) overrides the built-in prompt for one call; the throttle is shared', async () => {
    const f = fakeEnv();
    const mine = custom();
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show({ render: mine.render });
    await until(() => mine.surveys.length > 0);
    await mine.surveys[0].dismiss();
    mine.surveys[0].done();
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
    expect(f.outbox.latest.get(f.outbox.puts[0].id)).toMatchObject({ status: 'dismissed' });
  });

  it('a renderer that closed itself and called done() is not closed again; dismiss() closes one that did not', async () => {
    const f = fakeEnv();
    const mine = custom();
    const nps = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0, render: mine.render }, f.env);
    const first = nps.show();
    await until(() => mine.surveys.length === 1);
    mine.surveys[0].done();
    await first;
    expect(mine.closed).toBe(0);
    const second = nps.show();
    await until(() => mine.surveys.length === 2);
    nps.dismiss();
    await expect(second).resolves.toMatchObject({ status: 'dismissed' });
    expect(mine.closed).toBe(1);
  });

  it('a renderer that throws rejects show() and frees the slot: the next show() renders', async () => {
    const f = fakeEnv();
    let calls = 0;
    const render: Renderer = () => {
      if (++calls === 1) throw new Error('renderer broke');
      return { close() {} };
    };
    const nps = createClient({ endpoint, resurveyDays: 0, dismissCooldownDays: 0, render }, f.env);
    await expect(nps.show()).rejects.toThrow('renderer broke');
    const second = nps.show();
    await until(() => calls === 2);
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
    await until(() => rendered === 1);
    await ticks(3);
    const errors: string[] = [];
    nps.on('error', (e) => errors.push(e.code));
    // Reported, not thrown into the page's code.
    expect(() => nps.dismiss()).not.toThrow();
    expect(errors).toEqual(['handler-threw']);
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    expect(f.outbox.latest.get(f.outbox.puts[0].id)).toMatchObject({ status: 'dismissed' });
    void nps.show();
    await until(() => rendered === 2);
    expect(rendered).toBe(2);
  });

  it('show({ render }) must be a function', async () => {
    const nps = createClient({ endpoint }, fakeEnv().env);
    await expect(nps.show({ render: 'mine' as never })).rejects.toThrow(
      /show\(\{ render \}\) must be a function, got "mine"/,
    );
  });
});

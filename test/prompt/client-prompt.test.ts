import { fireEvent, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import type { NpsError } from '../../src/core/errors';
import type { Messages } from '../../src/core/messages';
import { builtInPrompt, fakeEnv } from '../helpers/fakes';
import { tick, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
const load = (code: string): Promise<{ default: Partial<Messages> }> => import(`../../src/prompt/locales/${code}.ts`);

/** The real prompt, driven through the real client with fake storage and outbox. */
async function open() {
  await until(() => !!document.querySelector('nps-widget'), 50);
  return within(shadowRoot().firstElementChild as HTMLElement);
}

/** The shown prompt's shadow root (the test fails with a TypeError if there is none). */
const shadowRoot = () => (document.querySelector('nps-widget') as HTMLElement).shadowRoot as ShadowRoot;

// The first import() of the prompt makes vitest transform its modules, which can take longer than
// the ticks open() waits when this file runs alone: load it once before, as a warmed-up page would.
beforeAll(async () => {
  await builtInPrompt();
});
afterEach(() => document.body.replaceChildren());

describe('the prompt through createNps', () => {
  it('answers with a comment: the score is stored before the follow-up shows', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt });
    const nps = createClient({ endpoint, product: 'Acme', thanks: { closeAfterMs: 10 } }, f.env);
    const result = nps.show();
    const ui = await open();
    expect(ui.getByRole('dialog').getAttribute('aria-label')).toBe(
      'How likely are you to recommend Acme to a friend or colleague?',
    );
    const release = f.outbox.stall();
    fireEvent.click(ui.getAllByRole('radio')[3]);
    await tick();
    expect(ui.queryByRole('textbox')).toBeNull();
    release();
    await until(() => !!ui.queryByRole('textbox'), 20);
    const answered = [...f.outbox.latest.values()][0];
    expect(answered).toMatchObject({ status: 'answered', score: 3, category: 'detractor' });
    const box = ui.getByRole('textbox', { name: 'What is the main reason for your score?' });
    fireEvent.input(box, { target: { value: '  Too slow  ' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send' }));
    await expect(result).resolves.toEqual({
      status: 'answered',
      id: answered.id,
      score: 3,
      category: 'detractor',
      comment: 'Too slow',
    });
    expect(document.querySelector('nps-widget')).toBeNull();
  });

  it('Close before a score resolves dismissed', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    const ui = await open();
    expect(ui.getByRole('dialog').getAttribute('aria-label')).toBe(
      'How likely are you to recommend us to a friend or colleague?',
    );
    fireEvent.click(ui.getByRole('button', { name: 'Close' }));
    const r = await result;
    expect(r.status).toBe('dismissed');
    expect([...f.outbox.latest.values()][0]).toMatchObject({ status: 'dismissed' });
  });

  it('Escape after a score resolves answered without a comment', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt });
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    const ui = await open();
    fireEvent.click(ui.getAllByRole('radio')[8]);
    await until(() => !!ui.queryByRole('textbox'), 20);
    fireEvent.keyDown(ui.getByRole('textbox'), { key: 'Escape' });
    expect(await result).toMatchObject({ status: 'answered', score: 8, category: 'passive' });
  });

  it('shows French for fr-CA with the product in the question, and a product name stays text', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt, importLocale: load });
    const nps = createClient({ endpoint, locale: 'fr-CA', product: '<img src=x onerror=alert(1)>' }, f.env);
    void nps.show();
    const ui = await open();
    const q =
      'Quelle est la probabilité que vous recommandiez <img src=x onerror=alert(1)> à un ami ou à un collègue\u202f?';
    expect(ui.getByRole('dialog').getAttribute('aria-label')).toBe(q);
    expect(ui.getByText(q, { normalizer: (s) => s })).toBeTruthy();
    expect(shadowRoot().querySelector('img')).toBeNull();
    expect(ui.getByRole('radio', { name: '0, Pas du tout probable' })).toBeTruthy();
    expect(shadowRoot().querySelector('[lang]')?.getAttribute('lang')).toBe('fr');
    nps.destroy();
  });

  it('a locale that fails to load shows English and reports locale-failed', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt, importLocale: () => Promise.reject(new Error('offline')) });
    const nps = createClient({ endpoint, locale: 'de' }, f.env);
    const errors: NpsError[] = [];
    nps.on('error', (e) => errors.push(e));
    void nps.show();
    const ui = await open();
    expect(ui.getByRole('button', { name: 'Close' })).toBeTruthy();
    expect(errors.map((e) => e.code)).toEqual(['locale-failed']);
    nps.destroy();
    expect(document.querySelector('nps-widget')).toBeNull();
  });
});

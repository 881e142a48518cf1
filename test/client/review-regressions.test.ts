import { afterEach, describe, expect, it } from 'vitest';
import type { Renderer } from '../../src/core/renderer';
import { createClient } from '../../src/client/create-client';
import { idbKvStore } from '../../src/outbox/idb-kv-store';
import { memoryKvStore } from '../../src/outbox/kv-store';
import { createOutbox } from '../../src/outbox/outbox';
import { en } from '../../src/prompt/en';
import { builtInPrompt, fakeEnv, seededRandom } from '../helpers/fakes';
import { ticks as settle, until } from '../helpers/wait';

// Regressions for bugs a review of src/ found; each test failed before its fix.
const endpoint = 'https://api.example.com/nps';
afterEach(() => document.body.replaceChildren());

describe('client regressions', () => {
  it('an invalid inline selector falls back to the corner instead of wedging the widget', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt });
    const nps = createClient({ endpoint, position: { inline: '#1slot' } }, f.env);
    const first = nps.show();
    // The built-in prompt is imported from source: wait for it rather than a fixed number of ticks.
    await until(() => document.querySelector('nps-widget') != null);
    expect(document.querySelector('nps-widget')).not.toBeNull();
    nps.dismiss();
    await expect(first).resolves.toMatchObject({ status: 'dismissed' });
  });

  it('a prompt whose mount throws frees the slot for the next show()', async () => {
    const f = fakeEnv();
    let calls = 0;
    const renderPrompt: Renderer = (survey) => {
      if (!calls++) throw new Error('host DOM is odd');
      return f.view.render(survey);
    };
    const nps = createClient({ endpoint }, { ...f.env, importPrompt: async () => ({ renderPrompt, en }) });
    await expect(nps.show()).rejects.toThrow('host DOM is odd');
    void nps.show({ force: true }); // before the fix: 'already-visible' forever
    await settle();
    expect(f.view.surveys).toHaveLength(1);
  });

  it('destroy() while the locale loads: nothing mounts and show() resolves disabled', async () => {
    let release!: () => void;
    const f = fakeEnv({
      importPrompt: builtInPrompt,
      importLocale: () => new Promise((r) => (release = () => r({ default: {} }))),
    });
    const nps = createClient({ endpoint, locale: 'de' }, f.env);
    const result = nps.show();
    await until(() => release !== undefined);
    nps.destroy();
    release();
    await expect(result).resolves.toEqual({ status: 'skipped', reason: 'disabled' });
    expect(document.querySelector('nps-widget')).toBeNull();
  });

  it('dismiss() then show() at once: the dismissal cooldown already applies', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    void nps.show();
    await settle();
    nps.dismiss();
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
  });

  it('a product name with $ patterns is shown literally', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, product: "Bob$'s $& Shop" }, f.env);
    void nps.show();
    await settle();
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
    await settle();
    expect(f.view.current.messages).toMatchObject({ promoter: 'Top', send: 'Send' });
  });

  it('stages with a null entry are refused at createNps, naming the stage', () => {
    expect(() => createClient({ endpoint, stages: { x: null as never } })).toThrow(
      /options\.stages\.x must be an object, got null/,
    );
  });

  it('two tabs on a first visit agree on one anonymous id', async () => {
    const a = fakeEnv({ store: idbKvStore('nps-anon-race') });
    const b = fakeEnv({ store: idbKvStore('nps-anon-race'), random: seededRandom(2) });
    void createClient({ endpoint }, a.env).show();
    void createClient({ endpoint }, b.env).show();
    await settle();
    expect(a.outbox.puts[0]!.anonymousId).toBe(b.outbox.puts[0]!.anonymousId);
  });

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

  it('delays longer than a browser timer can hold are refused', () => {
    expect(() => createClient({ endpoint, thanks: { closeAfterMs: Infinity } })).toThrow(
      /options\.thanks\.closeAfterMs must be a number from 0 to 2147483647/,
    );
  });
});

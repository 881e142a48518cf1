// A prompt that cannot be drawn where it was asked for never wedges the widget.
import { afterEach, describe, expect, it } from 'vitest';
import type { Renderer } from '../../src/core/renderer';
import { createClient } from '../../src/client/create-client';
import { en } from '../../src/prompt/en';
import { builtInPrompt, fakeEnv } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';
afterEach(() => document.body.replaceChildren());

describe('a prompt that cannot mount', () => {
  it('an invalid inline selector falls back to the corner instead of wedging the widget', async () => {
    const f = fakeEnv({ importPrompt: builtInPrompt });
    const nps = createClient({ endpoint, position: { inline: '#1slot' } }, f.env);
    const first = nps.show();
    // The built-in prompt is imported from source: wait for it rather than a fixed number of ticks.
    await until(() => document.querySelector('nps-widget') !== null);
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
    await ticks();
    expect(f.view.surveys).toHaveLength(1);
  });
});

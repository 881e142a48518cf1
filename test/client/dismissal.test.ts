// dismiss(): what a dismissal stores, and when its cooldown applies.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { fakeEnv } from '../helpers/fakes';
import { tick, ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

describe('dismiss()', () => {
  it('dismiss() while answer() is still storing keeps the score', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    const result = nps.show();
    await until(() => f.view.surveys.length > 0, 50);
    const survey = f.view.current;
    const release = f.outbox.stall();
    const answering = survey.answer(9);
    await tick();
    nps.dismiss();
    await tick();
    release();
    await expect(answering).resolves.toBe('promoter');
    const shown = await result;
    expect(shown).toMatchObject({ status: 'answered', score: 9, category: 'promoter' });
    await ticks(5);
    const versions = f.outbox.puts;
    expect(versions.at(-1)).toMatchObject({ status: 'answered', score: 9 });
    expect(f.outbox.latest.get(survey.id)).toMatchObject({ status: 'answered', score: 9 });
    const stamps = versions.map((v) => Date.parse(v.updatedAt));
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThan(stamps[i - 1]);
  });

  it('dismiss() then show() at once: the dismissal cooldown already applies', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    void nps.show();
    await ticks();
    nps.dismiss();
    await expect(nps.show()).resolves.toEqual({ status: 'skipped', reason: 'throttled' });
  });
});

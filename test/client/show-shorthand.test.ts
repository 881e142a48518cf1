// show('checkout') is shorthand for show({ stage: 'checkout' }) (DESIGN "Public API"); any other
// non-object argument throws a TypeError naming it, never a silent stage-less survey.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { fakeEnv } from '../helpers/fakes';
import { until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

describe('show(stage)', () => {
  it('shows the stage it names, under the same rules as show({ stage })', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint, stages: { checkout: {}, onboarded: { sampleRate: 0 } } }, f.env);
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    const result = nps.show('checkout');
    expect(await until(() => f.view.surveys.length > 0, 50)).toBe(true);
    expect(f.view.current.stage).toBe('checkout');
    expect(f.outbox.last).toMatchObject({ stage: 'checkout' });
    f.view.current.done();
    await expect(result).resolves.toMatchObject({ status: 'dismissed' });
    await expect(nps.show('onboarded')).resolves.toEqual({ status: 'skipped', reason: 'sampled-out' });
    // @ts-expect-error: not a configured stage
    await expect(nps.show('typo')).resolves.toEqual({ status: 'skipped', reason: 'unknown-stage' });
    expect(skipped).toEqual([
      { reason: 'sampled-out', stage: 'onboarded' },
      { reason: 'unknown-stage', stage: 'typo' },
    ]);
  });

  it('throws a TypeError naming any other argument that is not an object, and shows nothing', async () => {
    const f = fakeEnv();
    const nps = createClient({ endpoint }, f.env);
    await expect(nps.show(42 as never)).rejects.toThrow(TypeError);
    await expect(nps.show(42 as never)).rejects.toThrow(/show\(\{ stage \}\) must be a non-empty string .*, got 42$/);
    await expect(nps.show(true as never)).rejects.toThrow(/got true$/);
    await expect(nps.show('')).rejects.toThrow(/got ""$/);
    await expect(nps.show((() => 1) as never)).rejects.toThrow(/got a function$/);
    expect(f.view.surveys).toHaveLength(0);
    expect(f.outbox.puts).toHaveLength(0);
  });
});

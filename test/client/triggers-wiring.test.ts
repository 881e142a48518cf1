// The client and the trigger runtime: it loads only when a stage has `on`, events tracked before it
// loaded are not lost, a fired trigger shows under the usual rules, destroy() stops it.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';
import { fakeEnv, gatedTriggers } from '../helpers/fakes';
import { ticks, until } from '../helpers/wait';

const endpoint = 'https://api.example.com/nps';

describe('trigger wiring', () => {
  it('stages without `on` never load the trigger runtime; track() is then a no-op', async () => {
    const triggers = gatedTriggers(true);
    const f = fakeEnv({ importTriggers: triggers.importTriggers });
    const nps = createClient({ endpoint, stages: { checkout: {} } }, f.env);
    nps.track('upgraded');
    await ticks(3);
    expect(triggers.loads).toBe(0);
    expect(f.view.surveys).toHaveLength(0);
  });

  it('events tracked before the runtime loaded are replayed once it has: the stage shows', async () => {
    const triggers = gatedTriggers();
    const f = fakeEnv({ importTriggers: triggers.importTriggers });
    const nps = createClient({ endpoint, stages: { upgraded: { on: { event: 'upgraded' } }, other: {} } }, f.env);
    expect(triggers.loads).toBe(1);
    nps.track('upgraded');
    await ticks(3);
    expect(f.view.surveys).toHaveLength(0);
    triggers.release();
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    expect(f.view.current.stage).toBe('upgraded');
    expect(f.outbox.puts[0]).toMatchObject({ stage: 'upgraded', status: 'shown' });
  });

  it('a fired trigger that the rules skip is reported by `skipped`', async () => {
    const triggers = gatedTriggers(true);
    const f = fakeEnv({ importTriggers: triggers.importTriggers });
    const stages = { upgraded: { on: { event: 'upgraded' } }, exported: { on: { event: 'exported' } } };
    const nps = createClient({ endpoint, stages }, f.env);
    const skipped: unknown[] = [];
    nps.on('skipped', (e) => skipped.push(e));
    nps.track('upgraded');
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
    // One prompt at a time: the second stage's trigger fires while the first prompt is open.
    nps.track('exported');
    expect(await until(() => skipped.length === 1)).toBe(true);
    expect(skipped).toEqual([{ reason: 'already-visible', stage: 'exported' }]);
  });

  it('destroy() stops the triggers; destroyed before the runtime loaded, it never watches', async () => {
    const loaded = gatedTriggers(true);
    const f = fakeEnv({ importTriggers: loaded.importTriggers });
    const nps = createClient({ endpoint, stages: { upgraded: { on: { event: 'upgraded' } } } }, f.env);
    expect(await until(() => loaded.watches === 1)).toBe(true);
    nps.destroy();
    expect(loaded.stops).toBe(1);
    nps.track('upgraded');
    await ticks(3);
    expect(f.view.surveys).toHaveLength(0);

    const late = gatedTriggers();
    const g = fakeEnv({ importTriggers: late.importTriggers });
    createClient({ endpoint, stages: { upgraded: { on: { event: 'upgraded' } } } }, g.env).destroy();
    late.release();
    await ticks(3);
    expect(late.watches).toBe(0);
  });

  it('a failed load is reported as load-failed and the next track() loads again, keeping the event', async () => {
    const real = gatedTriggers(true);
    let failing = true;
    const f = fakeEnv({
      importTriggers: async () => {
        if (failing) throw new TypeError('Failed to fetch dynamically imported module');
        return real.importTriggers();
      },
    });
    const nps = createClient({ endpoint, stages: { upgraded: { on: { event: 'upgraded' } } } }, f.env);
    const errors: string[] = [];
    nps.on('error', (e) => errors.push(e.code));
    await ticks(2);
    expect(errors).toEqual(['load-failed']);
    failing = false;
    nps.track('upgraded');
    expect(await until(() => f.view.surveys.length === 1)).toBe(true);
  });
});

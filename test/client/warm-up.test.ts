// The warm-up (DESIGN "Two stages"): on idle, a user who could be shown a prompt gets it in the
// background; a throttled user downloads nothing.
import { describe, expect, it } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import { createClient } from '../../src/client/create-client';
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

describe('the warm-up of an identified user', () => {
  it('a user who answered on an earlier page downloads nothing on the next, before identify()', async () => {
    const first = fakeEnv();
    const page1 = createClient({ endpoint }, first.env);
    page1.identify('user-42');
    void page1.show();
    await until(() => first.view.surveys.length > 0, 50);
    await first.view.current.answer(9);

    // The next page on the same device: the idle warm-up fires before the app calls identify().
    const next = fakeEnv({ store: first.store });
    const page2 = createClient({ endpoint }, next.env);
    next.idle.run();
    await ticks();
    expect(next.view.loads).toBe(0);
    // show() still decides by the identified user: another user on this device may be asked.
    page2.identify('user-43');
    void page2.show();
    await until(() => next.view.surveys.length > 0, 50);
    expect(next.view.surveys).toHaveLength(1);
  });

  it('identified before idle: a throttled user downloads nothing even when the device state is clean', async () => {
    const f = fakeEnv();
    await f.store.set('user-state:user-42', { dismissedAt: f.clock.now() });
    const nps = createClient({ endpoint }, f.env);
    nps.identify('user-42');
    f.idle.run();
    await ticks();
    expect(f.view.loads).toBe(0);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Triggers } from '../../src/core/trigger';
import { watchTriggers } from '../../src/triggers/watch-triggers';
import { fakeTriggerHost } from '../helpers/trigger-fakes';
import { tick } from '../helpers/wait';

afterEach(() => document.body.replaceChildren());

/** Starts watchTriggers on a fake page; `shown` lists the stages passed to show(), in order. */
function start(stages: Record<string, { on?: Triggers }>, options: { path?: string; navigationApi?: boolean } = {}) {
  const fake = fakeTriggerHost(options);
  const shown: string[] = [];
  const watch = watchTriggers(stages, { show: ({ stage }) => void shown.push(stage), host: fake.host });
  const go = async (path: string) => {
    fake.page.history.pushState(null, '', path);
    await tick();
  };
  return { ...fake, shown, watch, go };
}

const clickOn = (id: string) => {
  const button = Object.assign(document.createElement('button'), { id });
  document.body.append(button);
  button.click();
};

describe('watchTriggers: nothing runs while nothing can match', () => {
  it('installs nothing when no stage has `on`', () => {
    const { page, doc, timers, watch } = start({ checkout: {}, onboarded: {} });
    const { pushState } = page.history;
    expect([doc.listeners, timers.pending]).toEqual([{ visibilitychange: 0, click: 0 }, 0]);
    expect(page.history.pushState).toBe(pushState);
    watch.track('anything');
    watch.stop();
  });

  it('with stages that cannot match here, it only watches navigation: no timer, no click listener', () => {
    const { doc, timers } = start(
      { a: { on: { path: '/projects/**', afterSeconds: 5 } }, b: { on: { path: '/x', click: '#b' } } },
      { path: '/' },
    );
    expect([doc.listeners, timers.pending]).toEqual([{ visibilitychange: 0, click: 0 }, 0]);
  });
});

describe('watchTriggers: path', () => {
  it('fires at start when the page matches, and only the matching stages', () => {
    const { shown } = start(
      {
        done: { on: { path: '/checkout/complete' } },
        projects: { on: { path: '/projects/**' } },
        other: { on: { path: '/billing' } },
      },
      { path: '/checkout/complete/?utm=x#top' },
    );
    expect(shown).toEqual(['done']);
  });

  it.each([false, true])('fires on a pushState into the path (Navigation API: %s)', async (navigationApi) => {
    const { shown, go } = start({ checkout: { on: { path: '/checkout/complete' } } }, { navigationApi });
    await go('/checkout');
    expect(shown).toEqual([]);
    await go('/checkout/complete');
    expect(shown).toEqual(['checkout']);
  });

  it.each([false, true])(
    'back/forward re-enters the path and fires again; hash routes are the same page (Navigation API: %s)',
    async (navigationApi) => {
      const { shown, page, go } = start({ billing: { on: { path: '/billing' } } }, { navigationApi });
      await go('/billing');
      page.followHash('#invoices');
      page.followHash('#plans');
      expect(shown).toEqual(['billing']);
      page.traverse('/');
      page.traverse('/billing');
      await tick();
      expect(shown).toEqual(['billing', 'billing']);
    },
  );

  it('moving within the pattern is not a new entry; leaving and coming back is', async () => {
    const { shown, go } = start({ projects: { on: { path: ['/projects', '/projects/**'] } } }, { path: '/projects' });
    await go('/projects/1');
    await go('/projects/2/settings');
    expect(shown).toEqual(['projects']);
    await go('/team');
    await go('/projects/3');
    expect(shown).toEqual(['projects', 'projects']);
  });

  it('a stage whose triggers both match fires once per page view', async () => {
    const { shown, go } = start({
      billing: { on: [{ path: '/billing' }, { path: '/billing/**' }, { path: /^\/bill/ }] },
    });
    await go('/billing');
    expect(shown).toEqual(['billing']);
  });
});

describe('watchTriggers: afterSeconds counts visible time on a matching page', () => {
  it('fires after the visible time; hidden time does not count', () => {
    const { shown, timers, doc } = start(
      { engaged: { on: { path: '/projects/**', afterSeconds: 60 } } },
      { path: '/projects/1' },
    );
    timers.advance(30_000);
    doc.setVisibility('hidden');
    timers.advance(10 * 60_000);
    expect(shown).toEqual([]);
    doc.setVisibility('visible');
    timers.advance(29_999);
    expect(shown).toEqual([]);
    timers.advance(1);
    expect(shown).toEqual(['engaged']);
    expect([timers.pending, doc.listeners.visibilitychange]).toEqual([0, 0]);
  });

  it('keeps counting while navigating within the pattern, and is cancelled on leaving it', async () => {
    const { shown, timers, doc, go } = start(
      { engaged: { on: { path: '/projects/**', afterSeconds: 60 } } },
      { path: '/projects/1' },
    );
    timers.advance(40_000);
    await go('/projects/2');
    timers.advance(20_000);
    expect(shown).toEqual(['engaged']);

    await go('/team');
    await go('/projects/3');
    timers.advance(50_000);
    await go('/billing');
    expect([timers.pending, doc.listeners.visibilitychange]).toEqual([0, 0]);
    timers.advance(60_000);
    expect(shown).toEqual(['engaged']);
  });

  it('coming back starts over from zero', async () => {
    const { shown, timers, go } = start(
      { engaged: { on: { path: '/projects', afterSeconds: 10 } } },
      { path: '/projects' },
    );
    timers.advance(9_000);
    await go('/team');
    await go('/projects');
    timers.advance(9_000);
    expect(shown).toEqual([]);
    timers.advance(1_000);
    expect(shown).toEqual(['engaged']);
  });

  it('without a path, counts per page view', async () => {
    const { shown, timers, go } = start({ lingered: { on: { afterSeconds: 10 } } });
    timers.advance(9_000);
    await go('/elsewhere');
    timers.advance(9_000);
    expect(shown).toEqual([]);
    timers.advance(1_000);
    expect(shown).toEqual(['lingered']);
  });
});

describe('watchTriggers: click and event', () => {
  it('a click on a button added after start fires its stage, once per page view', async () => {
    const { shown, doc, go } = start({ exported: { on: { click: '#export' } } });
    expect(doc.listeners.click).toBe(1);
    clickOn('export');
    clickOn('export');
    expect(shown).toEqual(['exported']);
    expect(doc.listeners.click).toBe(0);
    await go('/reports');
    clickOn('export');
    expect(shown).toEqual(['exported', 'exported']);
  });

  it('one click that matches two click triggers of a stage fires it once; another stage on it still fires', () => {
    const { shown } = start({
      exported: { on: [{ click: '#export' }, { click: 'button' }] },
      reported: { on: { click: 'button' } },
    });
    clickOn('export');
    expect(shown).toEqual(['exported', 'reported']);
  });

  it.each(['click', 'event'] as const)(
    'one %s that fires several stages shows them in declaration order, whichever started waiting first',
    (moment) => {
      const on = (trigger: Triggers) => ({ on: trigger });
      const happen = moment === 'click' ? { click: 'button' } : { event: 'x' };
      const { shown, timers, watch } = start({ later: on({ afterSeconds: 5, ...happen }), sooner: on(happen) });
      timers.advance(5_000);
      if (moment === 'click') clickOn('export');
      else watch.track('x');
      expect(shown).toEqual(['later', 'sooner']);
    },
  );

  it('track() fires the stages waiting for that event', () => {
    const { shown, watch } = start({
      upgraded: { on: { event: 'upgraded' } },
      paid: { on: { event: 'invoice-paid' } },
    });
    watch.track('downgraded');
    watch.track('upgraded');
    watch.track('upgraded');
    expect(shown).toEqual(['upgraded']);
  });
});

describe('watchTriggers: all of a trigger, any of a list', () => {
  it('path + click: the click counts only on a matching page, and the listener exists only there', async () => {
    const { shown, doc, go } = start({ exported: { on: { path: '/reports/**', click: '#export' } } });
    clickOn('export');
    expect([shown, doc.listeners.click]).toEqual([[], 0]);
    await go('/reports/7');
    expect(doc.listeners.click).toBe(1);
    clickOn('export');
    expect(shown).toEqual(['exported']);
  });

  it('path + afterSeconds + event: the event counts only after the time on the page', async () => {
    const { shown, timers, watch } = start(
      { paid: { on: { path: '/billing', afterSeconds: 5, event: 'invoice-paid' } } },
      { path: '/billing' },
    );
    watch.track('invoice-paid');
    timers.advance(5_000);
    expect(shown).toEqual([]);
    watch.track('invoice-paid');
    expect(shown).toEqual(['paid']);
  });

  it('path + event: not on another page', async () => {
    const { shown, watch, go } = start({ paid: { on: { path: '/billing', event: 'invoice-paid' } } });
    watch.track('invoice-paid');
    await go('/billing');
    watch.track('invoice-paid');
    expect(shown).toEqual(['paid']);
  });

  it('a list fires on any of its triggers, at most once per page view for the stage', async () => {
    const { shown, watch, go } = start({ billing: { on: [{ path: '/billing' }, { event: 'invoice-paid' }] } });
    watch.track('invoice-paid');
    expect(shown).toEqual(['billing']);
    watch.track('invoice-paid');
    await go('/billing');
    expect(shown).toEqual(['billing', 'billing']);
    watch.track('invoice-paid');
    expect(shown).toEqual(['billing', 'billing']);
  });

  it('stages are independent', () => {
    const { shown, watch } = start({ a: { on: { event: 'x' } }, b: { on: [{ event: 'x' }, { event: 'y' }] } });
    watch.track('x');
    expect(shown).toEqual(['a', 'b']);
  });
});

describe('watchTriggers: stop', () => {
  it('removes every listener and timer, restores history, and fires nothing afterwards', async () => {
    const { shown, page, doc, timers, watch } = start(
      { t: { on: { path: '/a', afterSeconds: 3 } }, c: { on: { click: '#c' } }, e: { on: { event: 'e' } } },
      { path: '/a' },
    );
    const wrapped = page.history.pushState;
    expect([doc.listeners, timers.pending]).toEqual([{ visibilitychange: 1, click: 1 }, 1]);
    watch.stop();
    expect([doc.listeners, timers.pending]).toEqual([{ visibilitychange: 0, click: 0 }, 0]);
    expect(page.history.pushState).not.toBe(wrapped);
    timers.advance(10_000);
    clickOn('c');
    watch.track('e');
    page.history.pushState(null, '', '/b');
    page.history.pushState(null, '', '/a');
    await tick();
    expect(shown).toEqual([]);
  });

  it('with the Navigation API, stop removes its listener', async () => {
    const { shown, page, watch } = start({ a: { on: { path: '/a' } } }, { navigationApi: true });
    watch.stop();
    page.history.pushState(null, '', '/a');
    await tick();
    expect(shown).toEqual([]);
  });
});

describe('watchTriggers on the real window (happy-dom)', () => {
  it('defaults to window: follows its history, sees its clicks, and restores history on stop', async () => {
    const shown: string[] = [];
    const { pushState } = window.history;
    window.history.replaceState(null, '', '/start');
    const watch = watchTriggers(
      { done: { on: { path: '/checkout/complete' } }, exported: { on: { click: '#export' } } },
      { show: ({ stage }) => void shown.push(stage) },
    );
    window.history.pushState(null, '', '/checkout/complete?order=1');
    await tick();
    clickOn('export');
    expect(shown).toEqual(['done', 'exported']);
    watch.stop();
    expect(window.history.pushState).toBe(pushState);
    expect(Object.hasOwn(window.history, 'pushState')).toBe(false);
  });
});

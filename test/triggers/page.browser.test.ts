// No-code triggers in Chromium against dist/nps.js, configured only through the script tag
// (data-stages JSON) and window.nps: SPA navigation (pushState, back/forward, hash routes), clicks on
// elements added later, track(), visible time, and living with other scripts that wrap history.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser-session';
import { recordingCollector } from '../helpers/recording-collector';
import { answerPrompt, promptCount, promptShown, type WidgetWindow, widgetPage } from '../helpers/widget-page';

const c = recordingCollector();
// A fresh context per test (closed after it): no throttle state or open prompt carries over.
const session = useBrowserSession({ routes: [c.route] });

/** The stages of the `shown` events so far. */
const shownStages = (page: Page) => page.evaluate(() => (window as unknown as WidgetWindow).shown.map((s) => s.stage));
/** Records the collector stored for `stage`. */
const storedFor = (stage: string) => [...c.stored.values()].filter((r) => r.stage === stage);
/** Gives the widget a bounded moment to react, before a "nothing happened" check. */
async function settle(page: Page, ms = 600) {
  await page.waitForTimeout(ms);
}

describe('single-page navigation', () => {
  it('a pushState link to a matching path shows the prompt, and the posted record carries the stage', async () => {
    const url = widgetPage(session.server, '/spa-push/home', {
      stages: { checkout: { on: { path: '/checkout/complete' } }, elsewhere: { on: { path: '/never/**' } } },
      body: `<a id="done" href="/checkout/complete">Complete</a>
<script>done.onclick = (e) => { e.preventDefault(); history.pushState({ step: 3 }, '', done.href); };</script>`,
    });
    const page = await session.open(url);
    await settle(page);
    expect(await promptCount(page)).toBe(0);

    await page.click('#done');
    await promptShown(page);
    expect(new URL(page.url()).pathname).toBe('/checkout/complete');
    expect(await shownStages(page)).toEqual(['checkout']);
    await answerPrompt(page, 9, 'Smooth checkout');
    // The score is stored (and may be sent) before the comment; wait for the last version.
    await expect
      .poll(() => storedFor('checkout').map((r) => r.comment), { timeout: 15_000 })
      .toEqual(['Smooth checkout']);
    const [record] = storedFor('checkout');
    expect(record).toMatchObject({
      stage: 'checkout',
      status: 'answered',
      score: 9,
      comment: 'Smooth checkout',
      page: `${session.url}/checkout/complete`,
    });
  });

  it('history.back() to a matching path shows its stage', async () => {
    // The app's router went /spa-back/list → /spa-back/detail before the widget loaded.
    const url = widgetPage(session.server, '/spa-back/start', {
      stages: { list: { on: { path: '/spa-back/list' } } },
      before: `<script>history.pushState(null, '', '/spa-back/list'); history.pushState(null, '', '/spa-back/detail');</script>`,
    });
    const page = await session.open(url);
    await settle(page);
    expect(await promptCount(page)).toBe(0);
    await page.evaluate(() => history.back());
    await promptShown(page);
    expect(new URL(page.url()).pathname).toBe('/spa-back/list');
    expect(await shownStages(page)).toEqual(['list']);
    await expect.poll(() => storedFor('list').length, { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it('history.forward() to a matching path shows its stage', async () => {
    const url = widgetPage(session.server, '/spa-forward/start', { start: false });
    const page = await session.open(url);
    // /start → /list → /detail, then back twice: /list and /detail are forward entries.
    await page.evaluate(async () => {
      const popped = () => new Promise((r) => addEventListener('popstate', r, { once: true }));
      history.pushState(null, '', '/spa-forward/list');
      history.pushState(null, '', '/spa-forward/detail');
      history.back();
      await popped();
      history.back();
      await popped();
    });
    await page.evaluate(() =>
      (window as unknown as WidgetWindow).nps.init({
        endpoint: '/api/nps',
        stages: { detail: { on: { path: '/spa-forward/detail' } } },
      }),
    );
    await page.evaluate(
      () =>
        new Promise((r) => {
          addEventListener('popstate', r, { once: true });
          history.forward();
        }),
    );
    expect(new URL(page.url()).pathname).toBe('/spa-forward/list');
    await settle(page);
    expect(await promptCount(page)).toBe(0);
    await page.evaluate(() => history.forward());
    await promptShown(page);
    expect(new URL(page.url()).pathname).toBe('/spa-forward/detail');
    expect(await shownStages(page)).toEqual(['detail']);
  });

  it('hash routes are one page view: a path trigger ignores the hash, an event from the router shows the stage', async () => {
    const url = widgetPage(session.server, '/hash-app/', {
      stages: { projects: { on: { path: '/projects/**' } }, fromRouter: { on: { event: 'route:projects' } } },
      // A hash router that reports its routes to the widget, as the README recommends.
      body: `<script>addEventListener('hashchange', () => location.hash == '#/projects' && nps.track('route:projects'));</script>`,
    });
    const page = await session.open(url);
    await page.evaluate(() => (location.hash = '#/settings'));
    await settle(page);
    expect(await promptCount(page)).toBe(0);
    await page.evaluate(() => (location.hash = '#/projects'));
    await promptShown(page);
    expect(await shownStages(page)).toEqual(['fromRouter']);
    await expect.poll(() => storedFor('fromRouter').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(storedFor('projects')).toEqual([]);
  });
});

describe('click, event and time', () => {
  it('a click on a button added to the page after init shows its stage', async () => {
    const url = widgetPage(session.server, '/clicks/', { stages: { exported: { on: { click: '#export-button' } } } });
    const page = await session.open(url);
    await settle(page);
    // Added by the app long after the widget started; the click lands on an element inside it.
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'export-button';
      button.innerHTML = '<span class="label">Export</span>';
      // An app handler that stops the click from bubbling must not hide it from the widget.
      button.addEventListener('click', (e) => e.stopPropagation());
      document.body.append(button);
    });
    await page.click('#export-button .label');
    await promptShown(page);
    expect(await shownStages(page)).toEqual(['exported']);
    await expect.poll(() => storedFor('exported').length, { timeout: 15_000 }).toBeGreaterThan(0);
  });

  it("nps.track('upgraded') shows the stage whose trigger names that event, and no other", async () => {
    const url = widgetPage(session.server, '/track/', {
      stages: { upgraded: { on: { event: 'upgraded' } }, invoicePaid: { on: { event: 'invoice-paid' } } },
    });
    const page = await session.open(url);
    await page.evaluate(() => (window as unknown as WidgetWindow).nps.track('signed-out'));
    await settle(page);
    expect(await promptCount(page)).toBe(0);
    await page.evaluate(() => (window as unknown as WidgetWindow).nps.track('upgraded'));
    await promptShown(page);
    expect(await shownStages(page)).toEqual(['upgraded']);
    await expect.poll(() => storedFor('upgraded').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(storedFor('invoicePaid')).toEqual([]);
  });

  it('afterSeconds counts visible time only', async () => {
    // Headless Chromium keeps every page visible (no CDP command, tab switch, second tab or minimised
    // window changes document.visibilityState there), so the page's visibility is driven from inside:
    // document.visibilityState reads a value the test sets, and a real visibilitychange event is
    // dispatched, exactly what a browser does when the tab goes to the background and back.
    const url = widgetPage(session.server, '/projects/7', {
      stages: { engaged: { on: { path: '/projects/**', afterSeconds: 2 } } },
    });
    const page = await session.open(url, {
      init: () => {
        let state: DocumentVisibilityState = 'hidden';
        const changes: { state: DocumentVisibilityState; at: number }[] = [{ state, at: performance.now() }];
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
        Object.assign(window, {
          visibility: changes,
          setVisibility(next: DocumentVisibilityState) {
            state = next;
            changes.push({ state, at: performance.now() });
            document.dispatchEvent(new Event('visibilitychange'));
          },
        });
      },
    });
    type Vis = { setVisibility(s: DocumentVisibilityState): void; visibility: { state: string; at: number }[] };
    const setVisibility = (s: DocumentVisibilityState) =>
      page.evaluate((s) => (window as unknown as Vis).setVisibility(s), s);

    // Loaded in a background tab: 2.5 s hidden is not 2 s of visible time.
    await page.waitForTimeout(2500);
    expect(await promptCount(page)).toBe(0);
    // 1 s visible, then hidden again for 2.5 s: still only about 1 s of visible time.
    await setVisibility('visible');
    await page.waitForTimeout(1000);
    await setVisibility('hidden');
    await page.waitForTimeout(2500);
    expect(await promptCount(page)).toBe(0);
    // Visible again: shown once the visible time adds up.
    await setVisibility('visible');
    await promptShown(page);
    expect(await shownStages(page)).toEqual(['engaged']);

    // Whatever the machine's speed: before the prompt was shown the page had been visible >= 2 s.
    const { changes, shownAt } = await page.evaluate(() => ({
      changes: (window as unknown as Vis).visibility,
      shownAt: (window as unknown as WidgetWindow).shown[0].at,
    }));
    let visibleMs = 0;
    changes.forEach((change, i) => {
      if (change.state === 'visible') visibleMs += (changes[i + 1]?.at ?? shownAt) - change.at;
    });
    expect(visibleMs).toBeGreaterThanOrEqual(1950);
  });
});

/** Another script's wrapper of history.pushState, as routers and analytics tools install them. */
function wrapPushState() {
  type Their = { theirCalls: { url: string; self: boolean }[]; theirs: History['pushState'] };
  const w = window as unknown as Their;
  const inner = history.pushState;
  w.theirCalls = [];
  w.theirs = function (this: History, ...args: Parameters<History['pushState']>) {
    w.theirCalls.push({ url: String(args[2]), self: this === history });
    return inner.apply(this, args);
  };
  history.pushState = w.theirs;
}
type Their = WidgetWindow & { theirCalls: { url: string; self: boolean }[]; theirs: History['pushState'] };

// Chromium has the Navigation API, which the widget prefers; without it (older Safari and Firefox) the
// widget wraps history.pushState/replaceState. Both ways are run: the second hides window.navigation.
const withoutNavigationApi = () =>
  Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });
describe.each([
  ['with the Navigation API', undefined],
  ['without the Navigation API', withoutNavigationApi],
])('another script that wraps history.pushState (%s)', (_, init) => {
  const stages = { wrapped: { on: { path: '/wrapped/target' } } };

  /** pushState through whatever wrappers are installed; what it returned, and where the page is. */
  const push = (page: Page, url: string) =>
    page.evaluate((url) => {
      const returned = history.pushState({ to: url }, '', url);
      return {
        returned: returned === undefined,
        pathname: location.pathname,
        state: (history.state as { to: string }).to,
      };
    }, url);

  async function checkBothWork(page: Page) {
    expect(await page.evaluate(() => typeof (window as unknown as { navigation?: object }).navigation)).toBe(
      init ? 'undefined' : 'object',
    );
    expect(await promptCount(page)).toBe(0);
    expect(await push(page, '/wrapped/target')).toEqual({
      returned: true,
      pathname: '/wrapped/target',
      state: '/wrapped/target',
    });
    // Theirs was called once, with `this` and the arguments intact; ours saw the navigation.
    expect(await page.evaluate(() => (window as unknown as Their).theirCalls)).toEqual([
      { url: '/wrapped/target', self: true },
    ]);
    await promptShown(page);
    expect(await shownStages(page)).toEqual(['wrapped']);
  }

  async function checkAfterDestroy(page: Page) {
    // After destroy(), history.pushState is exactly their wrapper again, and still works.
    expect(await page.evaluate(() => history.pushState === (window as unknown as Their).theirs)).toBe(true);
    expect(await promptCount(page)).toBe(0);
    await push(page, '/wrapped/elsewhere');
    expect(await push(page, '/wrapped/target')).toEqual({
      returned: true,
      pathname: '/wrapped/target',
      state: '/wrapped/target',
    });
    expect((await page.evaluate(() => (window as unknown as Their).theirCalls)).map((c) => c.url)).toEqual([
      '/wrapped/target',
      '/wrapped/elsewhere',
      '/wrapped/target',
    ]);
    // Ours is gone: coming back to the matching path shows nothing.
    await settle(page);
    expect(await promptCount(page)).toBe(0);
    expect(await shownStages(page)).toEqual(['wrapped']);
  }

  it('theirs installed before ours: both see the navigation; destroy() puts theirs back', async () => {
    const url = widgetPage(session.server, `/wrapped/before-${init ? 'fallback' : 'navigation'}`, {
      stages,
      before: `<script>(${wrapPushState.toString()})()</script>`,
    });
    const page = await session.open(url, { init });
    await settle(page);
    await checkBothWork(page);
    await page.evaluate(() => (window as unknown as WidgetWindow).nps.destroy());
    await checkAfterDestroy(page);
  });

  it('theirs installed after ours: both see the navigation; destroy() leaves theirs in place', async () => {
    const url = widgetPage(session.server, `/wrapped/after-${init ? 'fallback' : 'navigation'}`, { stages });
    const page = await session.open(url, { init });
    // Ours is installed once the widget has started (it may load its trigger code lazily): without the
    // Navigation API that is when history.pushState becomes the page's own property.
    if (init) await page.waitForFunction(() => Object.hasOwn(history, 'pushState'));
    else await settle(page);
    await page.evaluate(wrapPushState);
    await checkBothWork(page);
    await page.evaluate(() => (window as unknown as WidgetWindow).nps.destroy());
    await checkAfterDestroy(page);
  });
});

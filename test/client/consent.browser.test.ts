// Consent in Chromium against dist/nps.js through the script tag: while pending the widget stores
// and sends nothing; nps.consent(true) starts it (and delivers what earlier pages queued);
// nps.consent(false) erases what it stored on the device and stops sending.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser-session';
import { defined } from '../helpers/defined';
import { storedWidgetKeys } from '../helpers/outbox-browser';
import { recordingCollector } from '../helpers/recording-collector';
import {
  answerPrompt,
  endpointRequests,
  promptCount,
  promptShown,
  promptWarmedUp,
  type WidgetWindow,
  widgetPage,
} from '../helpers/widget-page';

const c = recordingCollector();
const session = useBrowserSession({ routes: [c.route] });

/** Opens `url` in `into` (a fresh context unless given), recording the page's requests to the endpoint. */
async function open(url: string, into?: BrowserContext) {
  const page = await session.newPage({ in: into });
  const requests = endpointRequests(page);
  await page.goto(url);
  return { page, requests };
}

const nps = (page: Page) => ({
  /** show(), awaited; a prompt that opened instead of being skipped fails the check rather than the timeout. */
  show: (o?: object) =>
    page.evaluate(
      (o) =>
        Promise.race([
          (window as unknown as WidgetWindow).nps.show(o),
          new Promise((r) => setTimeout(() => r({ status: 'still open after 5 s' }), 5000)),
        ]),
      o,
    ),
  /** Starts show() without waiting for it (it resolves when the prompt closes). */
  startShow: (o?: object) => page.evaluate((o) => void (window as unknown as WidgetWindow).nps.show(o), o),
  dismiss: () => page.evaluate(() => (window as unknown as WidgetWindow).nps.dismiss()),
  track: (e: string) => page.evaluate((e) => (window as unknown as WidgetWindow).nps.track(e), e),
  consent: (granted: boolean) => page.evaluate((g) => (window as unknown as WidgetWindow).nps.consent(g), granted),
  shownIds: () => page.evaluate(() => (window as unknown as WidgetWindow).shown.map((s) => s.id)),
});

/** What is on the device: IndexedDB database names, the widget database's keys, localStorage keys. */
const device = async (page: Page) => ({
  databases: await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)),
  widgetKeys: await storedWidgetKeys(page),
  localStorage: await page.evaluate(() => Object.keys(localStorage)),
});

const PENDING = 'data-consent="pending"';

describe("consent: 'pending'", () => {
  it('writes nothing to the device, sends nothing, and show() resolves skipped: no-consent', async () => {
    const url = widgetPage(session.server, '/consent-pending/', {
      attributes: PENDING,
      stages: { landing: { on: { path: '/consent-pending/**' } }, upgraded: { on: { event: 'upgraded' } } },
      after: `<script>window.skipped = []; nps.on('skipped', (e) => skipped.push(e));</script>`,
    });
    const { page, requests } = await open(url);
    // Idle callbacks run in the order they were queued: one queued now runs after the warm-up's (queued at init).
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined))));
    expect(await nps(page).show()).toEqual({ status: 'skipped', reason: 'no-consent' });
    expect(await nps(page).show({ force: true })).toEqual({ status: 'skipped', reason: 'no-consent' });
    await nps(page).track('upgraded');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { skipped: object[] }).skipped))
      .toContainEqual({ reason: 'no-consent', stage: 'upgraded' });
    await page.waitForTimeout(500);
    expect(await promptCount(page)).toBe(0);
    expect(await device(page)).toEqual({ databases: [], widgetKeys: [], localStorage: [] });
    expect(requests).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);
  });

  it('nps.consent(true) then starts it: a trigger shows the prompt and the answer is delivered', async () => {
    const url = widgetPage(session.server, '/consent-grant/', {
      attributes: PENDING,
      stages: { upgraded: { on: { event: 'upgraded' } } },
    });
    const { page, requests } = await open(url);
    expect(await nps(page).show()).toEqual({ status: 'skipped', reason: 'no-consent' });
    await nps(page).consent(true);
    await nps(page).track('upgraded');
    await promptShown(page);
    await answerPrompt(page, 10, 'Asked after consent');
    const [id] = await nps(page).shownIds();
    await expect.poll(() => c.stored.get(id)?.comment, { timeout: 15_000 }).toBe('Asked after consent');
    expect(c.stored.get(id)).toMatchObject({ stage: 'upgraded', status: 'answered', score: 10 });
    expect(requests.length).toBeGreaterThan(0);
    expect((await device(page)).databases).toContain('nps-widget');
  });

  it('records queued on an earlier page (granted there, offline) are delivered after consent(true) on the next page', async () => {
    const first = widgetPage(session.server, '/consent-queued/first', {});
    const context = await session.newContext();
    const { page } = await open(first, context);
    await promptWarmedUp(page);
    await context.setOffline(true);
    await nps(page).startShow();
    await promptShown(page);
    await answerPrompt(page, 6, 'Queued offline');
    const [id] = await nps(page).shownIds();
    await expect.poll(async () => (await device(page)).widgetKeys.some((k) => k.includes(id))).toBe(true);
    await page.close();
    await context.setOffline(false);

    const second = widgetPage(session.server, '/consent-queued/second', { attributes: PENDING });
    const next = await open(second, context);
    await next.page.waitForTimeout(1500);
    expect(next.requests).toEqual([]);
    expect(c.stored.has(id)).toBe(false);
    await nps(next.page).consent(true);
    await expect.poll(() => c.stored.get(id)?.comment, { timeout: 15_000 }).toBe('Queued offline');
    expect(c.stored.get(id)).toMatchObject({
      status: 'answered',
      score: 6,
      page: `${session.url}/consent-queued/first`,
    });
  });
});

describe('nps.consent(false)', () => {
  it('erases the queue, the anonymous id and the throttle state, and stops sending', async () => {
    const url = widgetPage(session.server, '/consent-withdraw/', {});
    const { page, requests } = await open(url);
    await page.evaluate(() => localStorage.setItem('acme-consent', 'yes'));
    await promptWarmedUp(page);
    // Dismissed and delivered: this user now has an anonymous id and a dismissal cooldown.
    await nps(page).startShow();
    await promptShown(page);
    await nps(page).dismiss();
    const [dismissed] = await nps(page).shownIds();
    await expect.poll(() => c.stored.get(dismissed)?.status, { timeout: 15_000 }).toBe('dismissed');
    const anonymousBefore = defined(c.stored.get(dismissed), 'the dismissed record').anonymousId;
    expect(await nps(page).show()).toMatchObject({ status: 'skipped' });
    // Offline: an answer waits in the queue.
    await page.context().setOffline(true);
    await nps(page).startShow({ force: true });
    await promptShown(page);
    await answerPrompt(page, 2, 'Erase me');
    const queued = (await nps(page).shownIds())[1];
    await expect.poll(async () => (await device(page)).widgetKeys.some((k) => k.includes(queued))).toBe(true);

    await nps(page).consent(false);
    await expect
      .poll(async () => {
        const { widgetKeys, localStorage } = await device(page);
        return { widgetKeys, localStorage };
      })
      .toEqual({ widgetKeys: [], localStorage: ['acme-consent'] });
    expect(await nps(page).show()).toEqual({ status: 'skipped', reason: 'no-consent' });

    // Back online: nothing is sent, the erased answer never arrives.
    const sentBefore = requests.length;
    await page.context().setOffline(false);
    await page.waitForTimeout(2000);
    expect(requests.length).toBe(sentBefore);
    expect(c.stored.has(queued)).toBe(false);

    // Granted again: a new anonymous id, and no cooldown left from the erased dismissal.
    await nps(page).consent(true);
    await nps(page).startShow();
    await promptShown(page);
    await nps(page).dismiss();
    const again = (await nps(page).shownIds())[2];
    await expect.poll(() => c.stored.get(again)?.status, { timeout: 15_000 }).toBe('dismissed');
    expect(defined(c.stored.get(again), 'the new record').anonymousId).not.toBe(anonymousBefore);
    expect(c.stored.has(queued)).toBe(false);
  });
});

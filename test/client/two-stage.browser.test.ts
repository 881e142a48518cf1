// The two-stage widget in Chromium against dist/: what each page downloads, warm-up and offline,
// a prompt that cannot load, and a custom renderer that writes the same records as the built-in one.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/core/wire';
import { useBrowserSession } from '../helpers/browser-session';
import { defined } from '../helpers/defined';
import { recordingCollector } from '../helpers/recording-collector';
import { FIXTURES } from '../helpers/serve';

const c = recordingCollector();
const session = useBrowserSession({ routes: [c.route] });
/** Every record version POSTed to /api/nps, in arrival order. */
const received = (): ResponseRecord[] => c.requests.flatMap((request) => request.body.responses);
const CSP = { 'content-security-policy': "default-src 'self'" };

type Nps = {
  init(o: object): void;
  show(o?: object): Promise<{ status: string; reason?: string; id?: string }>;
  identify(id: string): void;
  on(e: string, f: (p: unknown) => void): void;
};
type Win = { nps: Nps; log: { event: string; code?: string }[]; result?: Promise<unknown> };

let pages = 0;
/** A page that loads dist/nps.js under a strict CSP, configured by data-* attributes. */
function pageWith(attributes: string, body = '') {
  const path = `/two-stage-${++pages}.html`;
  session.server.page(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><script src="/dist/nps.js" ${attributes}></script></head><body><h1>App</h1>${body}</body></html>`,
    CSP,
  );
  return session.url + path;
}

/** Paths the page requested, besides the page itself. */
function recordRequests(page: Page) {
  const paths: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === session.url && !url.pathname.endsWith('.html')) paths.push(url.pathname + url.search);
  });
  return paths;
}

/** Writes a throttle state for `userId` into the widget's IndexedDB database, as a past answer would. */
async function seedAnsweredYesterday(context: BrowserContext, userId: string) {
  const page = await context.newPage();
  await page.goto(pageWith('', ''));
  await page.evaluate(
    (key) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('nps-widget');
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put({ answeredAt: Date.now() - 864e5 }, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    `user-state:${userId}`,
  );
  await page.close();
}

/** Clicks a score and sends a comment in the built-in prompt. */
async function answerBuiltIn(page: Page, score: number, comment: string) {
  await page.locator('nps-widget [role=radio]').nth(score).click();
  await page.locator('nps-widget textarea').fill(comment);
  await page.locator('nps-widget [part=send]').click();
}

describe('requests per page', () => {
  it('a throttled user downloads nps.js and nothing else, even after idle and show()', async () => {
    const context = await session.newContext();
    await seedAnsweredYesterday(context, 'user-7');
    const page = await context.newPage();
    const requested = recordRequests(page);
    await page.goto(pageWith('', `<script src="${FIXTURES}/identify-user-7.js"></script>`));
    // Idle callbacks run in the order they were queued: one queued now runs after the warm-up's (queued at init).
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined))));
    const result = await page.evaluate(() => (window as unknown as Win).nps.show());
    expect(result).toEqual({ status: 'skipped', reason: 'throttled' });
    await page.waitForTimeout(300);
    expect(requested).toEqual(['/dist/nps.js', `${FIXTURES}/identify-user-7.js`]);
    await context.close();
  });

  it('an eligible user gets the prompt, the survey runtime and the page locale on idle, before any show()', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    const requested = recordRequests(page);
    const warmed = Promise.all(
      ['/dist/prompt.js', '/dist/survey.js', '/dist/locales/de.js'].map((p) =>
        page.waitForRequest((r) => r.url().endsWith(p)),
      ),
    );
    await page.goto(pageWith('data-endpoint="/api/nps" data-locale="de"'));
    await warmed;
    expect(requested.sort()).toEqual(['/dist/locales/de.js', '/dist/nps.js', '/dist/prompt.js', '/dist/survey.js']);
    expect(await page.locator('nps-widget').count()).toBe(0);
    await context.close();
  });
});

describe('offline after load', () => {
  it('show() and an answer work offline after the warm-up; the answer is delivered once on the next page', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    const url = pageWith('data-endpoint="/api/nps" data-locale="de" data-product="Acme"');
    const warmed = Promise.all(
      ['/dist/prompt.js', '/dist/survey.js', '/dist/locales/de.js'].map((p) =>
        page.waitForResponse((r) => r.url().endsWith(p)),
      ),
    );
    await page.goto(url);
    await warmed;
    await context.setOffline(true);
    await page.evaluate(() => {
      const w = window as unknown as Win;
      w.result = w.nps.show();
    });
    await page.locator('nps-widget [role=dialog]').waitFor();
    expect(await page.locator('nps-widget [role=dialog]').getAttribute('aria-label')).toContain('Acme');
    await answerBuiltIn(page, 9, 'Offline und gut');
    const result = (await page.evaluate(() => (window as unknown as Win).result)) as { status: string; id: string };
    expect(result).toMatchObject({ status: 'answered', score: 9, comment: 'Offline und gut' });
    expect(received().filter((r) => r.id === result.id)).toEqual([]);
    await page.close();

    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto(url);
    await expect.poll(() => received().filter((r) => r.id === result.id).length, { timeout: 15_000 }).toBe(1);
    await next.waitForTimeout(1000);
    const versions = received().filter((r) => r.id === result.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      status: 'answered',
      score: 9,
      category: 'promoter',
      comment: 'Offline und gut',
      locale: 'de',
    });
    await context.close();
  });
});

describe('a prompt that cannot load', () => {
  it('skips as unavailable with a load-failed error, and a later show() loads it', async () => {
    const context = await session.newContext();
    const page = await context.newPage();
    await page.route('**/dist/prompt.js*', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(pageWith('', `<script src="${FIXTURES}/log-events.js"></script>`));
    const first = await page.evaluate(() => {
      const w = window as unknown as Win;
      w.nps.init({ endpoint: '/api/nps' });
      return w.nps.show();
    });
    expect(first).toEqual({ status: 'skipped', reason: 'unavailable' });
    const log = await page.evaluate(() => (window as unknown as Win).log);
    expect(log).toEqual(
      expect.arrayContaining([
        { event: 'error', code: 'load-failed' },
        { event: 'skipped', code: 'unavailable' },
      ]),
    );
    expect(log.some((e) => e.event === 'shown')).toBe(false);

    await page.unroute('**/dist/prompt.js*');
    await page.evaluate(() => void (window as unknown as Win).nps.show());
    await page.locator('nps-widget [role=dialog]').waitFor();
    await context.close();
  });
});

describe('a custom renderer', () => {
  it('a plain-DOM renderer produces the same wire records as the built-in prompt', async () => {
    const records: Record<string, ResponseRecord> = {};
    for (const kind of ['built-in', 'custom'] as const) {
      const context = await session.newContext();
      const page = await context.newPage();
      // The same page path for both, so `page` in the record matches.
      await page.goto(
        pageWith('', kind === 'custom' ? `<script src="${FIXTURES}/plain-dom-renderer.js"></script>` : ''),
      );
      await page.evaluate((custom) => {
        const w = window as unknown as Win & { plainDomRenderer?: unknown };
        w.nps.init({
          endpoint: '/api/nps',
          product: 'Acme',
          locale: 'en',
          ...(custom ? { render: w.plainDomRenderer } : {}),
        });
        w.nps.identify(`user-${custom ? 'c' : 'b'}`);
        w.result = w.nps.show({ stage: 'checkout', metadata: { plan: 'pro' } });
      }, kind === 'custom');
      if (kind === 'custom') {
        await page.locator('#my-prompt button[data-score="9"]').click();
        await page.locator('#my-prompt textarea').fill('Fast');
        await page.locator('#my-prompt .send').click();
      } else {
        await page.locator('nps-widget [role=dialog]').waitFor();
        await answerBuiltIn(page, 9, 'Fast');
      }
      const result = (await page.evaluate(() => (window as unknown as Win).result)) as { id: string };
      expect(result).toMatchObject({ status: 'answered', score: 9, category: 'promoter', comment: 'Fast' });
      await expect
        .poll(() => received().find((r) => r.id === result.id && r.comment === 'Fast'), { timeout: 15_000 })
        .toBeTruthy();
      records[kind] = defined(
        received()
          .filter((r) => r.id === result.id)
          .at(-1),
        `the ${kind} record`,
      );
      await context.close();
    }
    const comparable = ({ id, anonymousId, userId, shownAt, answeredAt, updatedAt, page, ...rest }: ResponseRecord) => {
      void [id, anonymousId, userId, shownAt, answeredAt, updatedAt];
      return { ...rest, page: new URL(page).origin };
    };
    expect(comparable(records.custom)).toEqual(comparable(records['built-in']));
    expect(comparable(records.custom)).toMatchObject({
      status: 'answered',
      score: 9,
      category: 'promoter',
      comment: 'Fast',
      stage: 'checkout',
      metadata: { plan: 'pro' },
      locale: 'en',
    });
  });
});

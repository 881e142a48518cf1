// Real-browser harness for the outbox: a persistent Chromium profile (IndexedDB survives reloads and
// closed pages), a collector at /api/nps whose answers the test programs, and pages that load
// dist/nps.js and make records through window.nps (show({ force: true }) stores a 'shown' record
// before anything else; dismiss() stores its next version).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { useBrowserSession } from './browser-session';
import { recordingCollector } from './recording-collector';
import { promptWarmedUp } from './widget-page';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="/dist/nps.js"></script>
<script>
  window.events = [];
  nps.init({ endpoint: '/api/nps', product: 'Acme' });
  nps.on('delivered', (e) => events.push({ type: 'delivered', ids: e.ids }));
  nps.on('error', (e) => events.push({ type: 'error', code: e.code }));
</script></head><body><h1>Acme</h1></body></html>`;

type Win = {
  nps: {
    /** Forced, as this harness always calls it: the result carries the record's id. */
    show(o: unknown): Promise<{ id: string }>;
    dismiss(): void;
    flush(): Promise<{ delivered: number; pending: number }>;
  };
  events: { type: string; code?: string; ids?: string[] }[];
};

/**
 * The outbox harness of a test file: one persistent profile and one server, started in `beforeAll` and
 * closed in `afterAll` (see `useBrowserSession`).
 */
export function useOutboxHarness() {
  const c = recordingCollector();
  const session = useBrowserSession({ routes: [c.route], persistent: true });
  beforeAll(() => session.server.page('/app.html', PAGE));
  // Registered after the session's, so it runs first: no request is left hanging when the server closes.
  afterAll(() => c.releaseHanging());
  return {
    c,
    /** The profile every page of the file opens in. */
    get context(): BrowserContext {
      return session.context;
    },
    /** Opens the app page in the profile; `init` runs in the page before its own scripts. */
    open: (init?: () => void): Promise<Page> => session.open('/app.html', { init }),
    /** Shows the prompt and dismisses it: one record, stored in two versions. Returns its id. */
    record: (page: Page) =>
      page.evaluate(async () => {
        const w = window as unknown as Win;
        const shown = w.nps.show({ force: true });
        // The prompt mounts after the 'shown' record is committed (up to 2 s when storage hangs).
        while (!document.querySelector('nps-widget')) await new Promise((r) => setTimeout(r, 20));
        w.nps.dismiss();
        return (await shown).id;
      }),
    /**
     * Resolves once the idle warm-up has loaded the prompt and the survey runtime: only then can a
     * prompt show while the browser is offline (a visitor who is not throttled gets it after init).
     */
    warmedUp: promptWarmedUp,
    /**
     * Answers like a user: shows the prompt, picks `score` on the scale, types `comment` into the
     * follow-up and presses Send (all through the prompt's DOM). Returns the record's id.
     */
    answer: answerLikeAUser,
    events: (page: Page) => page.evaluate(() => (window as unknown as Win).events),
    flush: (page: Page) => page.evaluate(() => (window as unknown as Win).nps.flush()),
    /** The outbox's stored records in this profile's IndexedDB. */
    queued: async (page: Page) => (await storedWidgetKeys(page)).filter((key) => key.startsWith('record:')),
  };
}

/**
 * Answers like a user on a page running the widget: shows the prompt, picks `score` on the scale,
 * types `comment` into the follow-up and presses Send (all through the prompt's DOM). Returns the
 * record's id.
 */
export async function answerLikeAUser(page: Page, score: number, comment: string): Promise<string> {
  const shown = page.evaluate(() => (window as unknown as Win).nps.show({ force: true }).then((r) => r.id));
  await page.locator('nps-widget [role=radio]').nth(score).click();
  await page.locator('nps-widget textarea').fill(comment);
  await page.locator('nps-widget').getByRole('button', { name: 'Send' }).click();
  return shown;
}

/**
 * Every key the widget stores in the page's IndexedDB (records, dead letters, user state, …). The
 * database is opened only if it exists (opening it by name would create it) and closed again, so
 * reading never blocks the widget's own erasure of it.
 */
export const storedWidgetKeys = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('nps-widget')) return [];
    return new Promise<string[]>((ok, no) => {
      const open = indexedDB.open('nps-widget');
      open.onerror = () => no(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('kv')) {
          db.close();
          ok([]);
          return;
        }
        const keys = db.transaction('kv').objectStore('kv').getAllKeys();
        keys.onsuccess = () => {
          db.close();
          ok(keys.result.map(String));
        };
      };
    });
  });

/** Polls `check` until it returns true (real time, in the test process) or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

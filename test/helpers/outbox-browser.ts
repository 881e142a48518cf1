// Real-browser harness for the outbox: a persistent Chromium profile (IndexedDB survives reloads and
// closed pages), a collector at /api/nps whose answers the test programs, and pages that load
// dist/nps.js and make records through window.nps (show({ force: true }) stores a 'shown' record
// before anything else; dismiss() stores its next version).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Batch, ResponseRecord } from '../../src/core/wire';
import { launchPersistent } from './browser';
import { serve, type TestServer } from './serve';

/** How the collector answers one request: a status (with headers and body), or no answer at all. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang';

export interface CollectorRequest {
  at: number;
  ids: string[];
  body: Batch;
  headers: IncomingMessage['headers'];
}

/** The collector's view: what it stored (upsert by id, greatest updatedAt), every request, and concurrency. */
export function collector() {
  const stored = new Map<string, ResponseRecord>();
  const requests: CollectorRequest[] = [];
  const hanging: ServerResponse[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let duplicates = 0;
  let answer: (n: number, req: CollectorRequest) => Answer = () => ({ status: 200 });
  const route = async (req: IncomingMessage, res: ServerResponse, text: string) => {
    if (!req.url?.startsWith('/api/nps')) return false;
    const body = JSON.parse(text) as Batch;
    const r: CollectorRequest = { at: Date.now(), ids: body.responses.map((x) => x.id), body, headers: req.headers };
    requests.push(r);
    const a = answer(requests.length, r);
    if (a === 'hang') {
      hanging.push(res);
      return true;
    }
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    if (a.delayMs) await new Promise((ok) => setTimeout(ok, a.delayMs));
    inFlight--;
    if (a.status >= 200 && a.status < 300)
      for (const x of body.responses) {
        const old = stored.get(x.id);
        if (old && old.updatedAt >= x.updatedAt) duplicates++;
        if (!old || old.updatedAt < x.updatedAt) stored.set(x.id, x);
      }
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '{}');
    return true;
  };
  return {
    route,
    stored,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get duplicates() {
      return duplicates;
    },
    /** Program the answers: `n` is the 1-based request number. */
    answer: (f: (n: number, req: CollectorRequest) => Answer) => {
      answer = f;
    },
    /** Drop every hanging request's connection. */
    releaseHanging: () => {
      for (const res of hanging.splice(0)) res.destroy();
    },
  };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="/dist/nps.js"></script>
<script>
  window.events = [];
  nps.init({ endpoint: '/api/nps', product: 'Acme' });
  nps.on('delivered', (e) => events.push({ type: 'delivered', ids: e.ids }));
  nps.on('error', (e) => events.push({ type: 'error', code: e.code }));
</script></head><body><h1>Acme</h1></body></html>`;

type Win = {
  nps: {
    show(o: unknown): Promise<{ id?: string }>;
    dismiss(): void;
    flush(): Promise<{ delivered: number; pending: number }>;
  };
  events: { type: string; code?: string; ids?: string[] }[];
};

/** One browser profile and one server for a test file. */
export async function outboxHarness() {
  const c = collector();
  const server: TestServer = await serve([c.route]);
  server.page('/app.html', PAGE);
  const dir = await mkdtemp(join(tmpdir(), 'nps-outbox-'));
  const context: BrowserContext = await launchPersistent(dir);
  // A blank page that stays open: closing a profile's last page may end the whole browser.
  if (!context.pages().length) await context.newPage();
  const url = `${server.url}/app.html`;
  return {
    c,
    server,
    context,
    url,
    async open(init?: () => void): Promise<Page> {
      const page = await context.newPage();
      if (init) await page.addInitScript(init);
      await page.goto(url);
      return page;
    },
    /** Shows the prompt and dismisses it: one record, stored in two versions. Returns its id. */
    record: (page: Page) =>
      page.evaluate(async () => {
        const w = window as unknown as Win;
        const shown = w.nps.show({ force: true });
        // The prompt mounts after the 'shown' record is committed (up to 2 s when storage hangs).
        while (!document.querySelector('nps-widget')) await new Promise((r) => setTimeout(r, 20));
        w.nps.dismiss();
        return (await shown).id as string;
      }),
    /**
     * Resolves once the idle warm-up has loaded the prompt and the survey runtime: only then can a
     * prompt show while the browser is offline (a visitor who is not throttled gets it after init).
     */
    warmedUp: (page: Page) =>
      page.waitForFunction(() =>
        ['/dist/prompt.js', '/dist/survey.js'].every((f) =>
          performance.getEntriesByType('resource').some((e) => e.name.endsWith(f)),
        ),
      ),
    /**
     * Answers like a user: shows the prompt, picks `score` on the scale, types `comment` into the
     * follow-up and presses Send (all through the prompt's DOM). Returns the record's id.
     */
    async answer(page: Page, score: number, comment: string): Promise<string> {
      const shown = page.evaluate(() =>
        (window as unknown as Win).nps.show({ force: true }).then((r) => r.id as string),
      );
      await page.locator('nps-widget [role=radio]').nth(score).click();
      await page.locator('nps-widget textarea').fill(comment);
      await page.locator('nps-widget').getByRole('button', { name: 'Send' }).click();
      return shown;
    },
    events: (page: Page) => page.evaluate(() => (window as unknown as Win).events),
    flush: (page: Page) => page.evaluate(() => (window as unknown as Win).nps.flush()),
    /** The outbox's stored records in this profile's IndexedDB. */
    queued: (page: Page) =>
      page.evaluate(
        () =>
          new Promise<string[]>((ok, no) => {
            const open = indexedDB.open('nps-widget');
            open.onerror = () => no(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains('kv')) {
                db.close();
                ok([]);
                return;
              }
              const req = db.transaction('kv').objectStore('kv').getAllKeys();
              req.onsuccess = () => {
                db.close();
                ok((req.result as string[]).filter((k) => k.startsWith('record:')));
              };
            };
          }),
      ),
    async close() {
      c.releaseHanging();
      await context.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true (real time, in the test process) or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

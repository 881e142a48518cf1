// Pages for the trigger and consent browser tests: dist/nps.js configured only through the public
// script-tag API (data-* attributes, data-stages JSON), a collector at /api/nps, and the prompt's DOM.
import type { Page } from 'playwright-core';
import type { TestServer } from './serve';

/** window.nps as the script tag defines it (only what these tests call). */
type ScriptNps = {
  init(o: object): Promise<void>;
  show(o?: object): Promise<{ status: string; reason?: string; id?: string }>;
  dismiss(): Promise<void>;
  track(event: string): void;
  consent(granted: boolean): void;
  destroy(): void;
  on(e: string, f: (p: { stage?: string; id?: string }) => void): void;
};
/** The page's window: `shown` logs every `shown` event (which always carries the record's id). */
export type WidgetWindow = { nps: ScriptNps; shown: { stage?: string; id: string; at: number }[] };

/** An HTML attribute value in single quotes. */
const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

let pages = 0;

export interface WidgetPageOptions {
  /** `data-stages`: JSON, as a user would paste it. */
  stages?: object;
  /** More data-* attributes, e.g. `data-consent="pending"`. */
  attributes?: string;
  /** HTML in <head> before the widget's script tag (e.g. a router that wraps history). */
  before?: string;
  /** HTML in <head> after it. */
  after?: string;
  body?: string;
  /** false: no data-endpoint, so nothing starts until the test calls `nps.init()`. @default true */
  start?: boolean;
}

/**
 * Registers a page at `path` (use a new path per test) and returns its URL. The page loads /dist/nps.js with data-endpoint="/api/nps" and logs every `shown`
 * event (stage, id, performance.now()) into window.shown.
 */
export function widgetPage(server: TestServer, path: string, o: WidgetPageOptions = {}): string {
  pages++;
  const stages = o.stages ? ` data-stages='${attribute(JSON.stringify(o.stages))}'` : '';
  server.page(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><title>page ${pages}</title>${o.before ?? ''}
<script src="/dist/nps.js"${o.start === false ? '' : ' data-endpoint="/api/nps" data-product="Acme"'}${stages} ${o.attributes ?? ''}></script>
<script>window.shown = []; nps.on('shown', (e) => shown.push({ stage: e.stage, id: e.id, at: performance.now() }));</script>
${o.after ?? ''}</head><body><h1>App</h1>${o.body ?? ''}</body></html>`,
  );
  return server.url + path;
}

/** The prompt's dialog on `page`. */
const dialog = (page: Page) => page.locator('nps-widget [role=dialog]');

/** Resolves when the prompt's dialog is on the page (fails after 10 s). */
export const promptShown = (page: Page) => dialog(page).waitFor({ timeout: 10_000 });

/**
 * Resolves once the idle warm-up has fetched the prompt and the survey runtime: only then can a prompt
 * show while the browser is offline.
 */
export const promptWarmedUp = (page: Page) =>
  page.waitForFunction(() =>
    ['/dist/prompt.js', '/dist/survey.js'].every((f) =>
      performance.getEntriesByType('resource').some((e) => e.name.endsWith(f)),
    ),
  );

/** Whether a prompt is on the page right now. */
export const promptCount = (page: Page) => page.locator('nps-widget').count();

/** Picks `score` on the open prompt's scale, types `comment` and presses Send (as a user would). */
export async function answerPrompt(page: Page, score: number, comment: string) {
  await page.locator('nps-widget [role=radio]').nth(score).click();
  await page.locator('nps-widget textarea').fill(comment);
  await page.locator('nps-widget').getByRole('button', { name: 'Send' }).click();
}

/** Requests `page` makes to the endpoint (recorded from now on). */
export function endpointRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/nps')) seen.push(`${r.method()} ${r.url()}`);
  });
  return seen;
}

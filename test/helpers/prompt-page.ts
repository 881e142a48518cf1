import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { NpsOptions } from '../../src/core/options';
import { launchBrowser } from './browser';
import { serve, type TestServer } from './serve';

/** What a page looks like from a browser test of the prompt. */
export interface UiPage {
  page: Page;
  /** Record bodies POSTed to /api/nps. */
  posts: { responses: { id: string; status: string; score?: number; comment?: string }[] }[];
  /** CSP violations reported in the page. */
  violations(): Promise<string[]>;
  /** `nps.init(options)` then `nps.show({ force: true })`; the result lands in `window.result`. */
  show(options?: Partial<NpsOptions>): Promise<void>;
  result(): Promise<unknown>;
}

/** Shared server and browser for one test file: serves dist/nps.js and answers POST /api/nps. */
export async function uiHarness() {
  const posts: UiPage['posts'] = [];
  const server: TestServer = await serve([
    (req, res, body) => {
      if (req.method != 'POST' || !req.url?.startsWith('/api/nps')) return false;
      posts.push(JSON.parse(body));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return true;
    },
  ]);
  const browser: Browser = await launchBrowser();
  let n = 0;
  return {
    server,
    browser,
    /** Opens `body` (plus `head`) as a page served with `headers`; nps.js is loaded from /dist. */
    async open(
      o: {
        head?: string;
        body?: string;
        headers?: Record<string, string>;
        context?: BrowserContextOptions;
        charset?: boolean;
      } = {},
    ): Promise<UiPage> {
      const path = `/page-${++n}.html`;
      server.page(
        path,
        `<!doctype html><html><head>${o.charset === false ? '' : '<meta charset="utf-8">'}<meta name="viewport" content="width=device-width,initial-scale=1">${o.head ?? ''}` +
          `<script src="/dist/nps.js"></script></head><body>${o.body ?? '<h1>Acme</h1><button id="page-button">Buy</button>'}</body></html>`,
        o.headers,
      );
      const context = await browser.newContext(o.context);
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url + path);
      return {
        page,
        posts,
        violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations),
        async show(options = {}) {
          await page.evaluate(
            (opts) => {
              const w = window as unknown as {
                nps: { init(o: unknown): void; show(o: unknown): Promise<unknown> };
                result: Promise<unknown>;
              };
              w.nps.init({ endpoint: '/api/nps', product: 'Acme', ...opts });
              w.result = w.nps.show({ force: true });
            },
            options as Record<string, unknown>,
          );
          await page.locator('nps-widget [role=dialog]').waitFor();
        },
        result: () => page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result),
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The shadow root's active element, described (`radio 3`, `textarea`, `button Send`…), or `page` when focus is outside. */
export const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('nps-widget')?.shadowRoot?.activeElement;
    if (!el) return 'page';
    return el.getAttribute('role') == 'radio'
      ? 'radio ' + el.textContent
      : el.tagName.toLowerCase() +
          (el.tagName == 'BUTTON' ? ' ' + (el.getAttribute('aria-label') ?? el.textContent) : '');
  });

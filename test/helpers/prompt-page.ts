// Pages for the browser tests of the built-in prompt: dist/nps.js on a page (optionally under a CSP or
// a hostile stylesheet), `nps.init()` then `nps.show({ force: true })`, and a collector at /api/nps.
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { NpsOptions } from '../../src/core/options';
import { useBrowserSession } from './browser-session';
import { recordCspViolations } from './page-problems';

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

/** How `open()` builds the page. */
export interface UiPageOptions {
  head?: string;
  body?: string;
  headers?: Record<string, string>;
  context?: BrowserContextOptions;
  /** false: no `<meta charset>`, so the page gets the browser's legacy default. @default true */
  charset?: boolean;
}

/**
 * The browser session of a prompt test file (see `useBrowserSession`): its server serves dist/nps.js and
 * answers POST /api/nps; `open()` opens a page in a fresh context.
 */
export function usePromptPages() {
  const posts: UiPage['posts'] = [];
  const session = useBrowserSession({
    routes: [
      (req, res, body) => {
        if (req.method !== 'POST' || !req.url?.startsWith('/api/nps')) return false;
        posts.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return true;
      },
    ],
  });
  let n = 0;
  return {
    /** Opens `body` (plus `head`) as a page served with `headers`; nps.js is loaded from /dist. */
    async open(o: UiPageOptions = {}): Promise<UiPage> {
      const path = `/page-${++n}.html`;
      session.server.page(
        path,
        `<!doctype html><html><head>${o.charset === false ? '' : '<meta charset="utf-8">'}<meta name="viewport" content="width=device-width,initial-scale=1">${o.head ?? ''}` +
          `<script src="/dist/nps.js"></script></head><body>${o.body ?? '<h1>Acme</h1><button id="page-button">Buy</button>'}</body></html>`,
        o.headers,
      );
      const page = await session.newPage({ context: o.context });
      const violations = await recordCspViolations(page);
      await page.goto(session.url + path);
      return {
        page,
        posts,
        violations,
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
  };
}

/** The shadow root's active element, described (`radio 3`, `textarea`, `button Send`…), or `page` when focus is outside. */
export const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('nps-widget')?.shadowRoot?.activeElement;
    if (!el) return 'page';
    return el.getAttribute('role') === 'radio'
      ? `radio ${el.textContent}`
      : el.tagName.toLowerCase() +
          (el.tagName === 'BUTTON' ? ` ${el.getAttribute('aria-label') ?? el.textContent}` : '');
  });

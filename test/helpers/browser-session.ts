// The set-up every browser test shares: one Chromium and one site per test file, started in beforeAll
// (in parallel) and closed in afterAll; each test opens its pages in fresh contexts, closed after it,
// or in the file's one persistent profile. Test files run one at a time (the machine has 2 cores), so
// a browser per file costs little and no state can leak from one file into another.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, launchPersistent } from './browser';
import { collectPageProblems } from './page-problems';
import { type Route, serve, type TestServer } from './serve';

/** Where the pages come from: the test server by default, or a server of the test's own (the demo…). */
export interface Site {
  url: string;
  close(): Promise<void>;
}

/** What a test file's session runs. */
export interface BrowserSessionOptions<S extends Site> {
  /** Routes the test server tries before its pages and files (e.g. a collector's). Not used with `site`. */
  routes?: Route[];
  /** Starts the site instead of the test server (the demo, the fake dashboard server). */
  site?: () => Promise<S>;
  /**
   * One persistent profile for the whole file (IndexedDB survives reloads and closed pages) instead of a
   * fresh context per page.
   * @default false
   */
  persistent?: boolean;
}

/** How `open()` and `newPage()` open a page. */
export interface OpenOptions {
  /** Options of the fresh context the page opens in. */
  context?: BrowserContextOptions;
  /** Opens the page in this context instead of a fresh one (the persistent profile by default). */
  in?: BrowserContext;
  /** Runs in the page before its own scripts (`page.addInitScript`). */
  init?: () => void;
  /** Collects the page's console errors, uncaught errors and CSP violations here, labelled with its path. */
  problems?: string[];
}

/** A persistent profile and the folder it lives in. */
interface Profile {
  context: BrowserContext;
  dir: string;
}

/** One browser and one site for a test file; see `useBrowserSession()`. */
export class BrowserSession<S extends Site = TestServer> {
  readonly #options: BrowserSessionOptions<S>;
  #browser: Browser | undefined;
  #profile: Profile | undefined;
  #site: S | undefined;
  /** Fresh contexts opened by the test that runs now. */
  readonly #contexts = new Set<BrowserContext>();

  constructor(options: BrowserSessionOptions<S> = {}) {
    this.#options = options;
  }

  /** The browser (not with a persistent profile). */
  get browser(): Browser {
    return this.#started(this.#browser, 'browser');
  }

  /** The persistent profile (only with `persistent: true`). */
  get context(): BrowserContext {
    return this.#started(this.#profile, 'persistent profile').context;
  }

  /** The site: the test server (register pages with `server.page()`), or what `site` started. */
  get server(): S {
    return this.#started(this.#site, 'site');
  }

  /** The site's origin, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return this.server.url;
  }

  /** Starts the site and launches the browser side by side; if either fails, what started is closed. */
  async start(): Promise<void> {
    const started = await Promise.allSettled([this.#startSite(), this.#launch()]);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
  }

  /** A fresh context (cookies, storage and IndexedDB of its own), closed after the test. */
  async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
    const context = await this.browser.newContext(options);
    this.#contexts.add(context);
    return context;
  }

  /** A new page, not navigated yet, in a fresh context (or `o.in`, or the persistent profile). */
  async newPage(o: OpenOptions = {}): Promise<Page> {
    const context = o.in ?? this.#profile?.context ?? (await this.newContext(o.context));
    const page = await context.newPage();
    if (o.init) await page.addInitScript(o.init);
    return page;
  }

  /** `newPage(o)`, then navigates it to `target`: a path on the site or a full URL. */
  async open(target: string, o: OpenOptions = {}): Promise<Page> {
    const page = await this.newPage(o);
    if (o.problems) await collectPageProblems(page, target, o.problems);
    await page.goto(/^https?:/.test(target) ? target : this.url + target);
    return page;
  }

  /** Closes the fresh contexts of the test that ran (closing one twice is harmless). */
  async closeContexts(): Promise<void> {
    const open = [...this.#contexts];
    this.#contexts.clear();
    await Promise.all(open.map((context) => context.close()));
  }

  /** Closes the browser (or the profile, deleting its folder), then the site. */
  async close(): Promise<void> {
    await this.#browser?.close();
    if (this.#profile) {
      await this.#profile.context.close();
      await rm(this.#profile.dir, { recursive: true, force: true });
    }
    await this.#site?.close();
    this.#browser = undefined;
    this.#profile = undefined;
    this.#site = undefined;
  }

  async #startSite(): Promise<void> {
    const { site, routes = [] } = this.#options;
    // Without `site`, S is its default, TestServer (see useBrowserSession's signature).
    this.#site = site ? await site() : ((await serve(routes)) as Site as S);
  }

  async #launch(): Promise<void> {
    if (!this.#options.persistent) {
      this.#browser = await launchBrowser();
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'nps-profile-'));
    const context = await launchPersistent(dir);
    this.#profile = { context, dir };
    // A blank page that stays open: closing a profile's last page may end the whole browser.
    if (!context.pages().length) await context.newPage();
  }

  #started<T>(value: T | undefined, what: string): T {
    if (value === undefined)
      throw new Error(`no ${what}: the browser session is not running (or was not asked for one)`);
    return value;
  }
}

/**
 * The browser session of a test file: call it at the top of the file. It starts in `beforeAll` and closes
 * in `afterAll`; its `browser`, `server` and `url` can be read from then on. The fresh contexts a test
 * opened through it are closed after that test (`afterEach`).
 * @example
 * const session = useBrowserSession({ routes: [collector().route] });
 * it('shows', async () => {
 *   const page = await session.open(widgetPage(session.server, '/a/', {}));
 * });
 */
export function useBrowserSession<S extends Site = TestServer>(
  options: BrowserSessionOptions<S> = {},
): BrowserSession<S> {
  const session = new BrowserSession(options);
  beforeAll(() => session.start());
  afterEach(() => session.closeContexts());
  afterAll(() => session.close());
  return session;
}

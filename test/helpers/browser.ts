// How this machine launches Chromium, for the browser tests (through browser-session.ts), the bench and
// the screenshot scripts. It imports nothing but playwright-core: test/bench/harness.mjs transpiles this
// one file on its own so that plain Node scripts launch exactly the same browser.
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; no test tool may download a browser of its own here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A persistent profile (IndexedDB survives page reloads and closing every page). */
export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: ARGS, headless: true });
}

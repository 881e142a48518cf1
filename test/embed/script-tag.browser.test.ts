// dist/nps.js through the script tag in Chromium: the snippet's queued calls, data-* configuration,
// and a bad configuration that must not break the host page.
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/core/version';
import { useBrowserSession } from '../helpers/browser-session';
import { recordingCollector } from '../helpers/recording-collector';
import { FIXTURES } from '../helpers/serve';
import { SNIPPET } from '../helpers/snippet';

// Answers the pages' deliveries; what it receives is the outbox tests' concern.
const c = recordingCollector();
const session = useBrowserSession({ routes: [c.route] });

describe('dist/nps.js in Chromium', () => {
  it('replays calls queued by the snippet in order and sets window.nps.version', async () => {
    session.server.page(
      '/snippet.html',
      `<!doctype html><html><body><h1>Host</h1>
      <script>${SNIPPET}
        window.log = [];
        nps.on('skipped', function (e) { log.push('skipped:' + e.reason + ':' + e.stage); });
        nps.init({ endpoint: '/api/nps', product: 'Acme', stages: { onboarded: { sampleRate: 0 } } });
        nps.identify('user-42', { plan: 'pro' });
        window.first = nps.show({ stage: 'onboarded' });
        window.second = nps.show({ stage: 'not-a-stage' });
      </script>
      <script async src="/dist/nps.js"></script></body></html>`,
    );
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${session.url}/snippet.html`);
    await page.waitForFunction(() => (window as unknown as { nps: { version?: string } }).nps.version);
    const out = await page.evaluate(async () => {
      const w = window as unknown as {
        nps: { version: string };
        first: Promise<unknown>;
        second: Promise<unknown>;
        log: string[];
      };
      return { version: w.nps.version, first: await w.first, second: await w.second, log: w.log };
    });
    expect(out).toEqual({
      version: VERSION,
      first: { status: 'skipped', reason: 'sampled-out' },
      second: { status: 'skipped', reason: 'unknown-stage' },
      log: ['skipped:sampled-out:onboarded', 'skipped:unknown-stage:not-a-stage'],
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('initialises itself from data-* attributes of its own script tag', async () => {
    session.server.page(
      '/attrs.html',
      `<!doctype html><html><body>
      <script src="/dist/nps.js" data-endpoint="/api/nps" data-product="42" data-sample-rate="0" data-locale="fr"></script>
      </body></html>`,
    );
    const page = await session.newPage();
    await page.goto(`${session.url}/attrs.html`);
    const result = await page.evaluate(() =>
      (window as unknown as { nps: { show(o: object): Promise<unknown> } }).nps.show({ stage: 'x' }),
    );
    expect(result).toEqual({ status: 'skipped', reason: 'sampled-out' });
    await page.close();
  });

  it('shows the stage data-show names (the show(stage) shorthand), under the usual rules', async () => {
    session.server.page(
      '/data-show.html',
      `<!doctype html><html><body>
      <script src="/dist/nps.js" data-endpoint="/api/nps" data-stages='{"onboarded":{"sampleRate":0}}' data-show="onboarded"></script>
      <script>window.log = []; nps.on('skipped', function (e) { log.push(e.reason + ':' + e.stage); });</script>
      </body></html>`,
    );
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${session.url}/data-show.html`);
    await page.waitForFunction(() => (window as unknown as { log: string[] }).log.length > 0);
    expect(await page.evaluate(() => (window as unknown as { log: string[] }).log)).toEqual(['sampled-out:onboarded']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads JSON values from data-* attributes (an inline position, a theme)', async () => {
    session.server.page(
      '/json-attrs.html',
      `<!doctype html><html><body><div id="slot"></div>
      <script src="/dist/nps.js" data-endpoint="/api/nps" data-position='{"inline":"#slot"}' data-theme='{"accent":"#0f766e"}'></script>
      </body></html>`,
    );
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${session.url}/json-attrs.html`);
    await page.evaluate(
      () => void (window as unknown as { nps: { show(o: object): Promise<unknown> } }).nps.show({ force: true }),
    );
    await page.waitForSelector('#slot > nps-widget');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('logs one clear console error for a bad config and leaves the host page working', async () => {
    session.server.page(
      '/bad.html',
      `<!doctype html><html><body>
      <script src="/dist/nps.js" data-endpoint="ftp://example.com/nps"></script>
      <script src="${FIXTURES}/after-widget.js"></script>
      </body></html>`,
    );
    const page = await session.newPage();
    const console: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && console.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${session.url}/bad.html`);
    expect(await page.evaluate(() => (window as unknown as { hostStillRuns: boolean }).hostStillRuns)).toBe(true);
    expect(console).toEqual([
      'nps: options.endpoint must be an https URL (http on localhost) or a /path, got "ftp://example.com/nps"',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

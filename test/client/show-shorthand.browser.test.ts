// show('checkout') in Chromium through the script tag: the stage name is shorthand for
// show({ stage: 'checkout' }) (the prompt shows, its record carries the stage), and show(42) is one
// console error with nothing shown (DESIGN "Public API").
import { expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser-session';
import { recordingCollector } from '../helpers/recording-collector';

const c = recordingCollector();
const session = useBrowserSession({ routes: [c.route] });

type PageNps = { nps: { show(o: unknown): Promise<unknown>; on(e: string, f: (x: unknown) => void): void } };

it("show('checkout') shows the prompt for that stage and stores its record with the stage", async () => {
  session.server.page(
    '/shorthand.html',
    `<!doctype html><html><body>
    <script src="/dist/nps.js" data-endpoint="/api/nps" data-product="Acme" data-stages='{"checkout":{}}'></script>
    </body></html>`,
  );
  const page = await session.newPage();
  const errors: string[] = [];
  // The test server has no favicon: that 404 is the browser's, not the widget's.
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location().url) && errors.push(m.text()));
  await page.goto(`${session.url}/shorthand.html`);
  const shown = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const { nps } = window as unknown as PageNps;
        nps.on('shown', resolve);
        void nps.show('checkout');
      }),
  );
  expect(shown).toMatchObject({ stage: 'checkout' });
  await page.waitForSelector('nps-widget', { state: 'attached' });
  // Dismissing sends the record; the collector sees the stage.
  await page.evaluate(() => (window as unknown as { nps: { dismiss(): void } }).nps.dismiss());
  for (let i = 0; i < 100 && c.stored.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect([...c.stored.values()].map((r) => r.stage)).toEqual(['checkout']);
  expect(errors).toEqual([]);
  await page.close();
});

it('show(42) is refused with one console error naming 42, and nothing is shown', async () => {
  session.server.page(
    '/shorthand-bad.html',
    `<!doctype html><html><body>
    <script src="/dist/nps.js" data-endpoint="/api/nps" data-stages='{"checkout":{}}'></script>
    </body></html>`,
  );
  const page = await session.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location().url) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`${session.url}/shorthand-bad.html`);
  const outcome = await page.evaluate(async () => {
    const { nps } = window as unknown as PageNps;
    try {
      return { resolved: await nps.show(42) };
    } catch (error) {
      return { rejected: `${(error as Error).name}: ${(error as Error).message}` };
    }
  });
  // The script tag never throws into the page: the call is skipped, and the console says why.
  expect(outcome).toEqual({ resolved: { status: 'skipped', reason: 'disabled' } });
  expect(await page.locator('nps-widget').count()).toBe(0);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/show\(\{ stage \}\) must be a non-empty string .*, got 42$/);
  await page.close();
});

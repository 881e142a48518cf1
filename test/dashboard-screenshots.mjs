// `node test/dashboard-screenshots.mjs` (after `npx rollup -c`): the built dashboard over the fake
// read API, at desktop (1280) and phone (390) width, light and dark, saved to demo/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createFakeCollector, fakeResponses } from './helpers/dashboard-fake-collector.mjs';
import { startFakeDashboardServer } from './helpers/dashboard-fake-server.mjs';

const out = new URL('../demo/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

// A few follow-ups already worked on, so the queue, history and metrics look like a team's.
const collector = createFakeCollector({ responses: fakeResponses({ count: 420, seed: 11 }) });
const detractors = collector.records.filter((r) => r.category == 'detractor' && (r.answeredAt ?? '') > '2026-11-01').slice(0, 6);
detractors.slice(0, 3).forEach((r, i) => collector.updateFollowUp(r.id, { followUp: { status: i ? 'contacted' : 'resolved', owner: ['Ana', 'Sam', 'Ana'][i], note: 'Called them; sent a workaround' } }));

const server = await startFakeDashboardServer({ collector });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

const view = '/dashboard?from=2026-11-01&to=2026-11-30&segment=plan';
const shots = [
  { name: 'dashboard', width: 1280, height: 1500, colorScheme: 'light' },
  { name: 'dashboard-dark', width: 1280, height: 1500, colorScheme: 'dark' },
  { name: 'dashboard-phone', width: 390, height: 1800, colorScheme: 'light', scale: 2 },
  { name: 'dashboard-phone-dark', width: 390, height: 1800, colorScheme: 'dark', scale: 2 },
];
try {
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: { width: shot.width, height: 900 }, deviceScaleFactor: shot.scale ?? 1, colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(server.url + view);
    await page.locator('.headline .nps').waitFor();
    await page.locator('#comments-title ~ .responses li').first().waitFor();
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    // The top of the page (summary, chart, tables, the start of the queue); the lists go on below.
    const top = process.env.SCREENSHOT_OFFSET ? Number(process.env.SCREENSHOT_OFFSET) : 0;
    await page.screenshot({ path: join(out, `${shot.name}.png`), fullPage: true, clip: { x: 0, y: top, width: shot.width, height: shot.height } });
    console.log(`screenshots: demo/screenshots/${shot.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

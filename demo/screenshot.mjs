// @ts-check
// Regenerates demo/screenshots/dashboard.png: a demo server on a free port with an in-memory
// database, 900 seeded responses, one follow-up closed, and a full-page shot of the dashboard.
// Usage: npm run build && node demo/screenshot.mjs
import { chromium } from 'playwright-core';
import { startDemo } from './start-demo.mjs';
import { seedRecords } from './seed-data.mjs';

const demo = await startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: 'screenshot' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  await demo.store.upsert(seedRecords({ count: 900, origin: demo.url }));
  const [first] = await demo.store.list({ category: 'detractor', limit: 1 });
  await demo.store.followUp(String(first?.id), { followedUp: true, note: 'Called them: the import bug is fixed in 2.4, re-ran their import.' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1560 }, deviceScaleFactor: 1 });
  await page.goto(demo.url + '/login');
  await page.getByLabel('Dashboard token').fill('screenshot');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.followup').first().waitFor();
  await page.screenshot({ path: new URL('screenshots/dashboard.png', import.meta.url).pathname, fullPage: false });
  console.log('wrote demo/screenshots/dashboard.png');
} finally {
  await browser.close();
  await demo.close();
}

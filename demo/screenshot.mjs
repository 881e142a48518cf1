// @ts-check
// `npm run screenshots:dashboard`: the dashboard of the real demo server (in-memory database, seeded
// through its HTTP API with 2,400 responses, a recovered detractor and a few follow-ups) at desktop
// (1280) and phone (390) width, light and dark, saved to demo/screenshots/dashboard*.png; and what
// detractors and promoters mention, beside the comments, over the ten weeks of seeded answers
// (dashboard-themes.png).
// The tests' own launchBrowser() (test/helpers/browser.ts, through the bench's bridge from Node to it).
import { launchBrowser } from '../test/bench/harness.mjs';
import { recoveredDetractorRecords, seedFollowUps, seedRecords } from './seed-data.mjs';
import { startDemo } from './start-demo.mjs';

const TOKEN = 'screenshot-token';
const DAY = 86_400_000;
const out = (/** @type {string} */ name) => new URL(`screenshots/${name}.png`, import.meta.url).pathname;

/**
 * The themes panels and the comments beside them, for the whole seeded period, searching for the
 * top detractor theme (as a click on it does).
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
async function screenshotThemes(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(url + '/login');
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  const top = page.getByRole('region', { name: 'What detractors mention' }).getByRole('link').first();
  await top.click();
  await page.getByRole('heading', { name: /^Comments matching/ }).waitFor();
  await page.locator('#comments-title ~ .responses li').first().waitFor();
  // At the top, the box's viewport coordinates are page coordinates, which a full-page clip takes.
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator('.comments-and-themes').boundingBox();
  if (!box) throw new Error('screenshots: no themes on the page');
  await page.screenshot({
    path: out('dashboard-themes'),
    fullPage: true,
    clip: { x: 0, y: box.y - 16, width: 1280, height: Math.min(box.height + 32, 1000) },
  });
  console.log('screenshots: demo/screenshots/dashboard-themes.png');
  await context.close();
}

const demo = await startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN, RATE_LIMIT: '10000' });
const browser = await launchBrowser();
const day = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
try {
  const records = [
    ...seedRecords({ count: 2400, origin: demo.url }),
    ...recoveredDetractorRecords({ origin: demo.url }),
  ];
  for (let i = 0; i < records.length; i += 100) {
    const res = await fetch(demo.url + '/api/nps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: records.slice(i, i + 100) }),
    });
    if (!res.ok) throw new Error(`seeding answered ${res.status}: ${await res.text()}`);
  }
  for (const { id, actor, patch } of seedFollowUps(records)) {
    const res = await fetch(`${demo.url}/api/responses/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-nps-actor': actor },
      body: JSON.stringify(patch),
    });
    if (!res.ok) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
  }
  const now = Date.now();
  const view = `/dashboard?from=${day(now - 29 * DAY)}&to=${day(now)}&segment=plan`;
  const shots = [
    { name: 'dashboard', width: 1280, height: 1500, colorScheme: /** @type {const} */ ('light'), scale: 1 },
    { name: 'dashboard-dark', width: 1280, height: 1500, colorScheme: /** @type {const} */ ('dark'), scale: 1 },
    { name: 'dashboard-phone', width: 390, height: 1800, colorScheme: /** @type {const} */ ('light'), scale: 2 },
    { name: 'dashboard-phone-dark', width: 390, height: 1800, colorScheme: /** @type {const} */ ('dark'), scale: 2 },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: shot.width, height: 900 },
      deviceScaleFactor: shot.scale,
      colorScheme: shot.colorScheme,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(demo.url + '/login');
    await page.getByLabel('Dashboard token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.goto(demo.url + view);
    await page.locator('.headline .nps').waitFor();
    await page.locator('#comments-title ~ .responses li').first().waitFor();
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    // The top of the page (summary, chart, tables, the start of the queue); the lists go on below.
    await page.screenshot({
      path: out(shot.name),
      fullPage: true,
      clip: { x: 0, y: 0, width: shot.width, height: shot.height },
    });
    console.log(`screenshots: demo/screenshots/${shot.name}.png`);
    await context.close();
  }
  await screenshotThemes(browser, demo.url);
} finally {
  await browser.close();
  await demo.close();
}

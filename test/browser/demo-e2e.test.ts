import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startDemo } from '../../demo/start-demo.mjs';

// End to end: the demo app (script tag + snippet) → the prompt in real Chromium → the collector → the
// dashboard's API and page. Written against the DESIGN.md accessibility contract of the prompt.
const TOKEN = 'e2e-dashboard-token';
let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nps-demo-e2e-'));
  [demo, browser] = await Promise.all([startDemo({ PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (path: string) => (await fetch(demo.url + path, { headers: { authorization: 'Bearer ' + TOKEN } })).json();
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting for ' + what);
}

it('an answer given in the demo app shows up in /api/stats and on the dashboard', async () => {
  const page: Page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() == 'error' && problems.push(m.text()));
  await page.goto(demo.url + '/');
  // The demo asks for consent first (opt-in): nothing is stored or sent before Allow.
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.locator('#user').selectOption('chloe');
  await page.getByRole('button', { name: 'Create first project' }).click();

  const dialog = page.locator('nps-widget').getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 });
  expect(await page.locator('nps-widget').evaluate((el) => !!el.shadowRoot)).toBe(true);
  await dialog.getByRole('radio', { name: /^9(\D|$)/ }).click();
  await dialog.getByRole('textbox').fill('Templates saved me a day <b>really</b>');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await page.locator('#events').getByText('"status":"answered"').waitFor({ timeout: 15_000 });

  const stats = await until(() => api('/api/stats'), (s) => s.promoters == 1, 'the answer in /api/stats');
  expect(stats).toMatchObject({ nps: 100, total: 1, promoters: 1, shown: 1, responseRate: 1 });
  expect(stats.byStage['first-project']).toMatchObject({ nps: 100, total: 1 });
  const { responses } = await until(() => api('/api/responses'), (r) => r.responses[0]?.comment != null, 'the comment');
  expect(responses[0]).toMatchObject({
    status: 'answered',
    score: 9,
    category: 'promoter',
    comment: 'Templates saved me a day <b>really</b>',
    userId: 'user-chloe',
    stage: 'first-project',
    page: demo.url + '/',
    traits: { plan: 'team' },
  });

  await page.goto(demo.url + '/dashboard');
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await expect.poll(() => page.locator('#nps').textContent()).toBe('+100');
  expect(await page.locator('#promoters').textContent()).toBe('1');
  expect(await page.locator('#rate').textContent()).toBe('100%');
  expect(await page.locator('#stages').getByRole('row', { name: /first-project/ }).textContent()).toContain('+100');
  expect(problems).toEqual([]);
  await page.close();
});

it('the ESM page (import map, under its CSP) shows the prompt and delivers a dismissal', async () => {
  const page: Page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() == 'error' && problems.push(m.text()));
  const before = (await api('/api/stats')).shown;
  await page.goto(demo.url + '/esm.html');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const dialog = page.locator('nps-widget').getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('#events').getByText('"status":"dismissed"').waitFor({ timeout: 10_000 });
  const { responses } = await until(() => api('/api/responses?status=dismissed'), (r) => r.responses.length == 1, 'the dismissal');
  expect(responses[0]).toMatchObject({ stage: 'signed-up', userId: 'user-ada', page: demo.url + '/esm.html' });
  expect((await api('/api/stats')).shown).toBe(before + 1);
  expect(problems).toEqual([]);
  await page.close();
});

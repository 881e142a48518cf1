import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startDemo } from '../../demo/start-demo.mjs';
import { seedRecords } from '../../demo/seed-data.mjs';

// The dashboard page in real Chromium: user text stays text, closing the loop works, filters apply,
// and nothing trips the page's strict CSP.
const TOKEN = 'dashboard-test-token';
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> it broke`;
let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN }), launchBrowser()]);
  const records = seedRecords({ count: 120, origin: demo.url, seed: 7 });
  const evil = { ...records.find((r) => r.category == 'detractor')!, comment: XSS, stage: 'checkout', userId: '<b>mallory</b>' };
  const res = await fetch(demo.url + '/api/nps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: [...records.filter((r) => r.id != evil.id).slice(0, 99), evil] }),
  });
  expect(await res.json()).toEqual({ rejected: [] });
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() == 'error' && problems.push(m.text()));
  await page.goto(demo.url + '/login');
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.locator('.followup').first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const api = async (path: string) => (await fetch(demo.url + path, { headers: { authorization: 'Bearer ' + TOKEN } })).json();

it('shows the same figures as /api/stats', async () => {
  const stats = await api('/api/stats');
  expect(await page.locator('#nps').textContent()).toBe((stats.nps > 0 ? '+' : '') + stats.nps);
  expect(await page.locator('#moe').textContent()).toBe('± ' + stats.marginOfError);
  expect(await page.locator('#detractors').textContent()).toBe(String(stats.detractors));
  expect(await page.locator('#stages tr').count()).toBe(Object.keys(stats.byStage).length);
  expect(await page.locator('#weeks circle').count()).toBe(stats.byWeek.filter((w: { total: number }) => w.total > 0).length);
});

it('renders a comment with HTML as text, never as markup', async () => {
  const item = page.locator('.followup', { hasText: 'it broke' });
  expect(await item.locator('.comment').textContent()).toBe(XSS);
  expect(await item.locator('.meta').textContent()).toContain('User <b>mallory</b>');
  expect(await page.locator('main img, main script, main b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

it('closes the loop: "followed up" with a note is saved through PATCH', async () => {
  const item = page.locator('.followup', { hasText: 'it broke' });
  await item.getByRole('checkbox', { name: 'Followed up' }).check();
  await item.getByRole('textbox', { name: 'Follow-up note' }).fill('Emailed them; fixed in 2.4');
  await item.getByRole('button', { name: 'Save' }).click();
  await item.getByText('Saved').waitFor();
  const { responses } = await api('/api/responses?category=detractor&hasComment=true&limit=1000');
  expect(responses.find((r: { comment: string }) => r.comment == XSS)).toMatchObject({ followUp: { status: 'contacted', note: 'Emailed them; fixed in 2.4' } });
  await page.getByLabel('Hide followed up').check();
  expect(await page.locator('.followup', { hasText: 'it broke' }).count()).toBe(0);
});

it('filters by stage and updates the CSV link', async () => {
  const stats = await api('/api/stats?stage=checkout');
  await page.locator('#stage').selectOption('checkout');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.locator('#n').textContent()).toContain(`${stats.total} answer`);
  expect(await page.locator('#stages tr').count()).toBe(1);
  expect(await page.locator('#export').getAttribute('href')).toBe('/api/export.csv?stage=checkout');
  const csv = await page.evaluate(async () => (await fetch('/api/export.csv?stage=checkout')).text());
  expect(csv).toContain('"<img src=x onerror=""window.__xss=1""><script>window.__xss=2</script> it broke"');
  expect(csv.trim().split('\r\n')).toHaveLength(stats.shown + 1);
  expect(problems).toEqual([]);
});

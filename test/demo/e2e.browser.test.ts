import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo } from '../../demo/start-demo.mjs';
import { verifyWebhook } from '../../src/collector-entry';
import type { StatsReply } from '../../src/core/api-types';
import { npsText } from '../../src/dashboard/format';
import { type Receiver, startReceiver } from '../helpers/alerts-receiver';
import { useBrowserSession } from '../helpers/browser-session';

// End to end: the demo app (script tag + snippet) → the prompt in real Chromium → the collector → the
// dashboard's API and page, and a detractor's alert at a webhook receiver on 127.0.0.1.
const TOKEN = 'e2e-dashboard-token';
const SECRET = 'e2e-webhook-secret-0123456789';
let receiver: Receiver;
let dataDir: string;

// Registered before the session's hooks: the receiver starts before the demo that posts to it, and
// closes (with the data folder) after the demo has closed.
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nps-demo-e2e-'));
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
const session = useBrowserSession({
  site: () =>
    startDemo({
      PORT: '0',
      DATA_DIR: dataDir,
      DASHBOARD_TOKEN: TOKEN,
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: SECRET,
    }),
});

/** Signs in to the dashboard on `page` (which is on a page that sent it to /login). */
async function signIn(page: Page) {
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
}

const api = async (path: string) =>
  (await fetch(session.url + path, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('an answer given in the demo app shows up in /api/stats and on the dashboard', async () => {
  const problems: string[] = [];
  const page = await session.open('/', { problems });
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

  const stats = await until(
    () => api('/api/stats'),
    (s) => s.promoters === 1,
    'the answer in /api/stats',
  );
  expect(stats).toMatchObject({ nps: 100, total: 1, promoters: 1, shown: 1, responseRate: 1 });
  expect(stats.byStage['first-project']).toMatchObject({ nps: 100, total: 1 });
  const { responses } = await until(
    () => api('/api/responses'),
    (r) => typeof r.responses[0]?.comment === 'string',
    'the comment',
  );
  expect(responses[0]).toMatchObject({
    status: 'answered',
    score: 9,
    category: 'promoter',
    comment: 'Templates saved me a day <b>really</b>',
    userId: 'user-chloe',
    stage: 'first-project',
    page: `${session.url}/`,
    traits: { plan: 'team' },
  });

  await page.goto(`${session.url}/dashboard`);
  await signIn(page);
  await expect.poll(() => page.locator('.headline .nps').textContent()).toContain(npsText(stats));
  expect(await page.locator('.card', { hasText: 'Split of answers' }).textContent()).toContain('Promoters 1');
  expect(await page.locator('.card', { hasText: 'Response rate' }).textContent()).toContain('100%');
  expect(await page.getByRole('row', { name: /first-project/ }).textContent()).toContain('+100');
  // A promoter raises no alert (WEBHOOK_ON is detractor by default).
  expect((await api('/api/alerts')).counts).toEqual({ pending: 0, delivered: 0, failed: 0 });
  expect(problems).toEqual([]);
  await page.close();
});

it('the ESM page (import map, under its CSP) shows the prompt and delivers a dismissal', async () => {
  const before = (await api('/api/stats')).shown;
  const problems: string[] = [];
  const page = await session.open('/esm.html', { problems });
  await page.getByRole('button', { name: 'Sign up' }).click();
  const dialog = page.locator('nps-widget').getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('#events').getByText('"status":"dismissed"').waitFor({ timeout: 10_000 });
  const { responses } = await until(
    () => api('/api/responses?status=dismissed'),
    (r) => r.responses.length === 1,
    'the dismissal',
  );
  expect(responses[0]).toMatchObject({ stage: 'signed-up', userId: 'user-ada', page: `${session.url}/esm.html` });
  expect((await api('/api/stats')).shown).toBe(before + 1);
  expect(problems).toEqual([]);
  await page.close();
});

it('a detractor answer in the demo app arrives as a signed alert and opens an item in the follow-up queue; contacting it updates the metrics', async () => {
  const problems: string[] = [];
  const page = await session.open('/', { problems });
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.locator('#user').selectOption('ben');
  await page.getByRole('button', { name: 'Sign up' }).click();
  const dialog = page.locator('nps-widget').getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByRole('radio', { name: /^2(\D|$)/ }).click();
  await dialog.getByRole('textbox').fill('Import lost my due dates');
  await dialog.getByRole('button', { name: 'Send' }).click();

  // The alert at the receiver: signed, with the record and a link into the dashboard. The comment
  // comes in the same alert when it reached the collector before the alert was sent, else in one
  // follow-up alert (event `comment`).
  // Alerts are recorded in the transaction that stores the version, so once the comment is stored every alert exists.
  await until(
    () => api('/api/responses?userId=user-ben'),
    (r) => typeof r.responses[0]?.comment === 'string',
    'the comment stored',
  );
  await until(
    () => api('/api/alerts?state=pending'),
    (r) => r.counts.pending === 0 && r.counts.delivered > 0,
    'the alerts delivered',
  );
  const alerts = receiver.requests.map((r) => {
    expect(verifyWebhook(SECRET, r.headers, r.body)).toBe(true);
    return JSON.parse(r.body);
  });
  expect(new Set(receiver.requests.map((r) => r.headers['x-nps-delivery'])).size).toBe(alerts.length);
  expect(alerts.map((a) => a.event)).toEqual(alerts.length === 1 ? ['detractor'] : ['detractor', 'comment']);
  const alert = alerts[0];
  expect(alert).toMatchObject({
    event: 'detractor',
    response: { score: 2, category: 'detractor', userId: 'user-ben', stage: 'signed-up' },
  });
  expect(alert.link).toBe(`${session.url}/dashboard?response=${alert.response.id}`);
  expect(alerts.at(-1).response.comment).toBe('Import lost my due dates');

  // The queue in the dashboard: the detractor is the open item on top.
  await page.goto(`${session.url}/dashboard`);
  await signIn(page);
  const queue = page.locator('#queue-title').locator('xpath=ancestor::section');
  const item = queue.locator('.responses > li').first();
  await expect.poll(() => item.textContent()).toContain('user-ben');
  expect(await queue.getByRole('radio', { name: 'open' }).isChecked()).toBe(true);
  const metrics = page.locator('.card', { hasText: 'Detractors contacted' });
  expect(await metrics.locator('.note').textContent()).toMatch(/^0 of 1 detractor/);
  await item.getByLabel('Status').selectOption('contacted');
  await item.getByRole('button', { name: 'Save' }).click();
  await item.getByText('Saved').waitFor();
  await expect.poll(() => metrics.locator('.note').textContent()).toMatch(/^1 of 1 detractor/);
  const stats: StatsReply = await api('/api/stats');
  expect(stats.followUp).toMatchObject({ detractors: 1, contacted: 1, contactedShare: 1 });
  expect((await api('/api/alerts')).counts).toEqual({ pending: 0, delivered: alerts.length, failed: 0 });
  expect(receiver.requests).toHaveLength(alerts.length);
  expect(problems).toEqual([]);
  await page.close();
});

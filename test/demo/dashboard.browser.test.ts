import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { recoveredDetractorRecords, seedFollowUps, seedRecords } from '../../demo/seed-data.mjs';
import { startDemo } from '../../demo/start-demo.mjs';
import type { ResponsesReply, StatsReply } from '../../src/core/api-types';
import { npsText } from '../../src/dashboard/format';
import { seriousAxeViolations } from '../helpers/axe';
import { useBrowserSession } from '../helpers/browser-session';
import { defined } from '../helpers/defined';
import {
  expectInlineStyleReported,
  expectUserTextAsText,
  HOSTILE_USER_ID,
  horizontalOverflow,
  XSS,
} from '../helpers/dashboard-checks';
import { collectPageProblems } from '../helpers/page-problems';

// The dashboard served by the REAL collector (the demo server, seeded through its HTTP API) in
// Chromium: the same figures as the API, 360 px without horizontal scroll, axe light and dark, user
// text as text, a follow-up saved through PATCH, and no CSP violation on any page.
const TOKEN = 'dashboard-test-token';
const session = useBrowserSession({
  site: () => startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN }),
});
/** CSP violations and page errors of every page opened, checked at the end. */
const problems: string[] = [];

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> =>
  (
    await fetch(session.url + path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } })
  ).json() as Promise<T>;

beforeAll(async () => {
  const records = [
    ...seedRecords({ count: 120, origin: session.url, seed: 7 }),
    ...recoveredDetractorRecords({ origin: session.url }),
  ];
  const evil = {
    ...defined(
      records.find((r) => r.category === 'detractor'),
      'a detractor',
    ),
    comment: XSS,
    stage: 'checkout',
    userId: HOSTILE_USER_ID,
  };
  const res = await fetch(`${session.url}/api/nps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      sentAt: new Date().toISOString(),
      responses: [...records.filter((r) => r.id !== evil.id), evil],
    }),
  });
  expect(await res.json()).toEqual({ rejected: [] });
  for (const { id, actor, patch } of seedFollowUps(records.filter((r) => r.id !== evil.id)))
    await api(`/api/responses/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-nps-actor': actor },
      body: JSON.stringify(patch),
    });
});

/** A signed-in page at `path`, collecting CSP violations and errors into `sink`. */
async function open(
  path: string,
  { width = 1280, colorScheme = 'light' as 'light' | 'dark', sink = problems } = {},
): Promise<Page> {
  const page = await session.newPage({ context: { viewport: { width, height: 900 }, colorScheme } });
  await collectPageProblems(page, path, sink);
  await page.goto(`${session.url}/login`);
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  if (path !== '/dashboard') await page.goto(session.url + path);
  await page.locator('.headline .nps').waitFor();
  await page.locator('#comments-title ~ .responses li').first().waitFor();
  return page;
}

it('shows the figures of /api/stats, the stages, a segment and the recovered detractor', async () => {
  const stats = await api<StatsReply>('/api/stats?segment=plan');
  const page = await open('/dashboard?segment=plan');
  expect(await page.locator('.headline .nps').textContent()).toContain(npsText(stats));
  await page.getByRole('heading', { name: 'By plan' }).waitFor();
  for (const plan of Object.keys(defined(stats.bySegment, 'the segments')))
    await page
      .getByRole('row', { name: new RegExp(`^${plan}\\b`) })
      .first()
      .waitFor();
  await page.getByRole('heading', { name: 'Recovered detractors: 1' }).waitFor();
  await page.getByRole('heading', { name: /^Failed alerts: 0/ }).waitFor();
  await page.context().close();
});

it('has no horizontal scroll at 360 px, with a segment and a user history open', async () => {
  const page = await open('/dashboard?segment=plan&user=user-recovered', { width: 360 });
  await page.getByRole('heading', { name: 'History of user user-recovered' }).waitFor();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.context().close();
});

for (const colorScheme of ['light', 'dark'] as const)
  it(`axe finds nothing serious or critical (${colorScheme})`, async () => {
    const page = await open('/dashboard?segment=plan&user=user-recovered', { colorScheme });
    await page.getByRole('heading', { name: 'History of user user-recovered' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

it('shows HTML in a comment and a user id as text, never as markup', async () => {
  const page = await open('/dashboard');
  await expectUserTextAsText(page);
  await page.context().close();
});

it('saves a follow-up through PATCH, keeps its history, and updates the contacted share', async () => {
  const page = await open('/dashboard');
  const metrics = page.locator('.card', { hasText: 'Detractors contacted' });
  const before = await metrics.locator('.note').textContent();
  const first = page.locator('#queue-title').locator('xpath=ancestor::section').locator('.responses > li').first();
  await first.getByRole('button', { name: 'Edit follow-up' }).click();
  await first.getByLabel('Status').selectOption('contacted');
  await first.getByLabel('Owner').fill('Ana');
  await first.getByRole('button', { name: 'Save' }).click();
  await first.getByText('Saved').waitFor();
  await expect.poll(() => metrics.locator('.note').textContent()).not.toBe(before);
  const { responses } = await api<ResponsesReply>('/api/responses?status=answered&followUp=contacted&limit=100');
  const saved = responses.find((r) => r.followUp.owner === 'Ana' && r.followUp.history.at(-1)?.by === 'dashboard');
  expect(saved?.followUp).toMatchObject({ status: 'contacted', owner: 'Ana' });
  await page.context().close();
});

it('filters by stage through the URL, and the CSV link follows', async () => {
  const stats = await api<StatsReply>('/api/stats?stage=checkout');
  const page = await open('/dashboard');
  await page.getByLabel('Stage', { exact: true }).selectOption('checkout');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/\?stage=checkout$/);
  await expect.poll(() => page.locator('.headline .nps').textContent()).toContain(npsText(stats));
  await page.reload();
  await page.locator('.headline .nps').waitFor();
  expect(await page.getByLabel('Stage', { exact: true }).inputValue()).toBe('checkout');
  expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
    '/api/export.csv?stage=checkout',
  );
  const csv = await page.evaluate(async () => (await fetch('/api/export.csv?stage=checkout')).text());
  expect(csv).toContain('"<img src=x onerror=""window.__xss=1""><script>window.__xss=2</script> it broke"');
  expect(csv.trim().split('\r\n')).toHaveLength(stats.shown + 1);
  await page.context().close();
});

it('an alert link opened signed out goes through sign-in and back to that response', async () => {
  const { responses } = await api<ResponsesReply>('/api/responses?category=detractor&hasComment=true&limit=1');
  const linked = responses[0];
  const context = await session.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`alert link: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`alert link: ${e.message}`));
  const link = `/dashboard?stage=${encodeURIComponent(linked.stage ?? '')}&response=${linked.id}`;
  await page.goto(session.url + link);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname + url.search === link);
  const panel = page.getByRole('region', { name: 'Response', exact: true });
  await panel.locator('.comment').waitFor();
  expect(await panel.locator('.comment').textContent()).toBe(linked.comment);
  expect(await panel.locator('.score-text').textContent()).toContain(`Score ${linked.score}`);
  await panel.getByRole('button', { name: 'Save' }).waitFor();
  await context.close();
});

it('caused no CSP violation and no page error on any page above', async () => {
  // The listener works: an inline style attribute is a violation under the collector's CSP.
  const seen: string[] = [];
  const page = await open('/dashboard', { sink: seen });
  await expectInlineStyleReported(page, seen);
  await page.context().close();
  expect(problems).toEqual([]);
});

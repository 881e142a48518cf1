import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { startDemo } from '../../demo/start-demo.mjs';
import { seriousAxeViolations } from '../helpers/axe';
import { useBrowserSession } from '../helpers/browser-session';
import { horizontalOverflow } from '../helpers/dashboard-checks';
import { collectPageProblems } from '../helpers/page-problems';
import { themedRecords } from '../helpers/themed-comments';

// Themes and comment search in Chromium, against the real collector (the demo server on PGlite):
// detractors write about shipping, promoters about the editor. A theme filters the comments, the
// URL keeps it, and a reload restores it.
const TOKEN = 'themes-browser-token';
const session = useBrowserSession({
  site: () => startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN }),
});
/** CSP violations and page errors of every page opened, checked at the end. */
const problems: string[] = [];

beforeAll(async () => {
  const res = await fetch(`${session.url}/api/nps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: themedRecords() }),
  });
  expect(await res.json()).toEqual({ rejected: [] });
});

/** A signed-in dashboard, `width` wide, with the themes loaded. */
async function open({ width = 1280 } = {}): Promise<Page> {
  const page = await session.newPage({ context: { viewport: { width, height: 900 } } });
  await collectPageProblems(page, '/dashboard', problems);
  await page.goto(`${session.url}/login`);
  await page.getByLabel('Dashboard token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await detractorThemes(page).getByRole('link', { name: 'shipping', exact: true }).waitFor();
  return page;
}

const detractorThemes = (page: Page) => page.getByRole('region', { name: 'What detractors mention' });
const comments = (page: Page) => page.locator('#comments-title ~ .responses .comment');

it('a theme filters the comments; the URL keeps it, a reload restores it, back undoes it', async () => {
  const page = await open();
  await page.getByRole('region', { name: 'What promoters mention' }).getByRole('link', { name: 'editor' }).waitFor();
  expect(await comments(page).allTextContents()).toContain('The editor is the best part of the app.');

  await detractorThemes(page).getByRole('link', { name: 'shipping', exact: true }).click();
  await page.waitForURL(/\/dashboard\?q=shipping$/);
  await page.getByRole('heading', { name: 'Comments matching “shipping”' }).waitFor();
  await expect.poll(() => comments(page).allTextContents()).not.toContain('The editor is the best part of the app.');
  const found = await comments(page).allTextContents();
  expect(found).toHaveLength(20);
  for (const text of found) expect(text).toMatch(/shipp/i);
  expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe('/api/export.csv?q=shipping');

  await page.reload();
  await page.getByRole('heading', { name: 'Comments matching “shipping”' }).waitFor();
  expect(await page.getByLabel('Search comments').inputValue()).toBe('shipping');
  await comments(page).first().waitFor();
  expect(await comments(page).allTextContents()).toEqual(found);

  await page.goBack();
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('heading', { name: 'Comments', exact: true }).waitFor();
  await expect.poll(() => comments(page).allTextContents()).toContain('The editor is the best part of the app.');
  await page.context().close();
});

it('searches the comments by stem from the search box, by keyboard', async () => {
  const page = await open();
  await page.getByLabel('Search comments').fill('ships');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?q=ships$/);
  await page.getByRole('heading', { name: 'Comments matching “ships”' }).waitFor();
  for (const text of await comments(page).allTextContents()) expect(text).toMatch(/shipp/i);
  await page.context().close();
});

it('fits 360 px with the themes shown, and axe finds nothing serious there or at desktop width', async () => {
  const page = await open({ width: 360 });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.context().close();
});

it('caused no CSP violation and no page error on any page above', () => {
  expect(problems).toEqual([]);
});

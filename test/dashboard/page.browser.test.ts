import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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
import { createFakeCollector, fakeResponses } from '../helpers/dashboard-fake-collector.mjs';
import { startFakeDashboardServer } from '../helpers/dashboard-fake-server.mjs';

// The built dashboard (dist/dashboard/) in Chromium, under the collector's strict CSP, over a fake
// read API: layout at 360 px, axe in light and dark, filters through the URL, user text as text.
const ROOT = join(__dirname, '../..');

/** CSP violations and page errors of every page opened, checked at the end. */
const problems: string[] = [];

const session = useBrowserSession({
  site: () => {
    if (!existsSync(join(ROOT, 'dist/dashboard/dashboard.js')))
      throw new Error('dist/dashboard/ is missing: run `npx rollup -c` first');
    const responses = fakeResponses();
    const newest = responses.reduce((a, b) => (a.receivedAt > b.receivedAt ? a : b));
    const evil = defined(
      responses.find((r) => r.category === 'detractor'),
      'a detractor',
    );
    Object.assign(evil, {
      comment: XSS,
      userId: HOSTILE_USER_ID,
      receivedAt: new Date(Date.parse(newest.receivedAt) + 1000).toISOString(),
    });
    return startFakeDashboardServer({ collector: createFakeCollector({ responses }) });
  },
});

function open(
  path: string,
  { width = 1280, colorScheme = 'light' as 'light' | 'dark', sink = problems } = {},
): Promise<Page> {
  return session.open(path, { context: { viewport: { width, height: 900 }, colorScheme }, problems: sink });
}

const loaded = async (page: Page) => {
  await page.locator('.headline .nps').waitFor();
  await page.locator('#comments-title ~ .responses li').first().waitFor();
};

describe('the dashboard in Chromium', () => {
  it('has no horizontal scroll at 360 px, with a segment, the tables and a user history open', async () => {
    const page = await open('/dashboard?segment=plan&user=user-3', { width: 360 });
    await loaded(page);
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    await page.getByRole('heading', { name: 'History of user user-3' }).waitFor();
    await page.locator('details summary').first().click();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const widest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`axe finds nothing serious or critical (${colorScheme})`, async () => {
      const page = await open('/dashboard?segment=plan&from=2026-11-01&to=2026-11-30&user=user-3', { colorScheme });
      await loaded(page);
      await page.getByRole('heading', { name: 'History of user user-3' }).waitFor();
      await page.locator('details summary').first().click();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.context().close();
    });

  it('keeps the filters through a reload (they are in the URL), and back undoes them', async () => {
    const page = await open('/dashboard');
    await loaded(page);
    await page.getByLabel('Stage', { exact: true }).selectOption('checkout');
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByLabel('To', { exact: true }).fill('2026-11-30');
    await page.getByLabel('Segment by').selectOption('plan');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\?stage=checkout&from=2026-11-01&to=2026-11-30&segment=plan$/);
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    const figure = await page.locator('.headline .nps').textContent();
    await page.reload();
    await loaded(page);
    expect(await page.getByLabel('Stage', { exact: true }).inputValue()).toBe('checkout');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-11-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2026-11-30');
    expect(await page.getByLabel('Segment by').inputValue()).toBe('plan');
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    expect(await page.locator('.headline .nps').textContent()).toBe(figure);
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/export.csv?stage=checkout&from=2026-11-01&to=2026-11-30',
    );
    await page.goBack();
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.getByLabel('Stage', { exact: true }).inputValue()).toBe('');
    await page.context().close();
  });

  it('shows HTML in a comment and a user id as text, never as markup', async () => {
    const page = await open('/dashboard');
    await loaded(page);
    await expectUserTextAsText(page);
    await page.context().close();
  });

  it('saves a follow-up and updates the contacted share', async () => {
    const page = await open('/dashboard');
    await loaded(page);
    const metrics = page.locator('.card', { hasText: 'Detractors contacted' });
    const before = await metrics.locator('.note').textContent();
    const first = page.locator('#queue-title').locator('xpath=ancestor::section').locator('.responses > li').first();
    await first.getByRole('button', { name: 'Edit follow-up' }).click();
    await first.getByLabel('Status').selectOption('contacted');
    await first.getByLabel('Owner').fill('Ana');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByText('Saved').waitFor();
    await expect.poll(() => metrics.locator('.note').textContent()).not.toBe(before);
    expect(await page.locator('.live').textContent()).toBe('Follow-up saved: contacted.');
    await page.context().close();
  });

  it('works by keyboard: skip link, filters, queue status by arrow keys, visible focus', async () => {
    const page = await open('/dashboard');
    await loaded(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByLabel('Stage', { exact: true }).focus();
    // biome-ignore lint/style/noNonNullAssertion: runs in the page, where no helper can be imported; focus is on the select
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.getByRole('radio', { name: 'open' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\?queue=contacted$/);
    expect(await page.getByRole('radio', { name: 'contacted' }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('signs in through the token form, and shows a failed sign-in, under the CSP', async () => {
    const page = await open('/login?failed=1');
    await page.getByRole('alert').getByText('That token is not right').waitFor();
    await page.getByLabel('Dashboard token').fill('secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$/);
    await loaded(page);
    await page.context().close();
  });

  it('caused no CSP violation and no page error on any page above', async () => {
    // The listener works: an inline style attribute is a violation under this CSP.
    const seen: string[] = [];
    const page = await open('/dashboard', { sink: seen });
    await loaded(page);
    await expectInlineStyleReported(page, seen);
    await page.context().close();
    expect(problems).toEqual([]);
  });
});

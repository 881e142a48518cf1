import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser-session';
import { defined } from '../helpers/defined';
import { horizontalOverflow } from '../helpers/dashboard-checks';
import { createFakeCollector, fakeResponses } from '../helpers/dashboard-fake-collector.mjs';
import { startFakeDashboardServer } from '../helpers/dashboard-fake-server.mjs';

// The built dashboard in Chromium with a lot of data: 600 responses over 50 stages and 10 plans
// with long names. At 360 px the by-stage and by-plan tables fit their panels (every header in
// view); the follow-up queue is one compact line per item until one is opened; a range with no
// answers before it says so instead of reading as a change.
const STAGES = Array.from({ length: 50 }, (_, i) => `onboarding-checklist-step-${i + 1}-completed`);
const PLANS = Array.from({ length: 10 }, (_, i) => `enterprise-annual-contract-${i + 1}`);

const session = useBrowserSession({
  site: () => {
    const responses = fakeResponses({ count: 600 }).map((response, i) => ({
      ...response,
      stage: STAGES[i % STAGES.length] ?? null,
      traits: { plan: PLANS[i % PLANS.length] },
    }));
    return startFakeDashboardServer({ collector: createFakeCollector({ responses }) });
  },
});

const open = (path: string, width: number): Promise<Page> =>
  session.open(path, { context: { viewport: { width, height: 900 } } });

/** How far each table box of a panel would scroll sideways, and how far its headers reach past it. */
const tableOverflow = (page: Page, heading: string) =>
  page
    .locator('section.panel', { has: page.getByRole('heading', { name: heading, exact: true }) })
    .locator('.table-scroll')
    .evaluate((box) => {
      const right = box.getBoundingClientRect().right;
      const headers = [...box.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().right - right);
      return {
        scroll: box.scrollWidth - box.clientWidth,
        headers: Math.max(...headers),
        rows: box.querySelectorAll('tbody tr').length,
      };
    });

describe('the dashboard with 50 stages and 10 segment values', () => {
  it('fits the by-stage and by-plan tables into 360 px, every header in view', async () => {
    const page = await open('/dashboard?segment=plan', 360);
    await page.getByRole('heading', { name: 'By plan' }).waitFor();
    await page.locator('.figures tbody tr').nth(59).waitFor();
    const byStage = await tableOverflow(page, 'By stage');
    const byPlan = await tableOverflow(page, 'By plan');
    expect(byStage).toEqual({ scroll: expect.any(Number), headers: expect.any(Number), rows: 50 });
    expect(byPlan.rows).toBe(10);
    for (const table of [byStage, byPlan]) {
      expect(table.scroll).toBeLessThanOrEqual(0);
      expect(table.headers).toBeLessThanOrEqual(0);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('shows the follow-up queue as compact lines, and the form only for the item opened', async () => {
    const page = await open('/dashboard', 1280);
    const queue = page.locator('section.panel', { has: page.locator('#queue-title') });
    const items = queue.locator('.responses > li');
    await items.nth(9).waitFor();
    expect(await queue.locator('select, input:not([type=radio]), textarea').count()).toBe(0);
    const closedHeight = defined((await items.first().boundingBox())?.height, "the first item's box");
    await items.first().getByRole('button', { name: 'Edit follow-up' }).click();
    expect(await items.first().getByRole('button', { name: 'Done' }).getAttribute('aria-expanded')).toBe('true');
    expect(await queue.locator('select').count()).toBe(1);
    expect(await queue.locator('textarea').count()).toBe(1);
    expect(defined((await items.first().boundingBox())?.height, "the first item's box")).toBeGreaterThan(closedHeight);
    // Every closed item is about as tall as the first one was: no form hides in them.
    const heights = await items.evaluateAll((lis) => lis.slice(1).map((li) => li.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(closedHeight * 2);
    await page.context().close();
  });

  it('says "no earlier answers to compare" when the previous range has none', async () => {
    // The data starts in late September: the 30 days before September have no answers.
    const page = await open('/dashboard?from=2026-09-01&to=2026-09-30', 1280);
    const change = page.locator('.headline .change');
    await change.waitFor();
    expect(await change.textContent()).toBe('no earlier answers to compare');
    expect(await page.locator('.headline').textContent()).not.toMatch(/down \d|up \d/);
    await page.context().close();
  });
});

import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** A comment that would run script if the dashboard ever rendered user text as HTML. */
export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> it broke`;
/** A user id that would be bold if rendered as HTML. */
export const HOSTILE_USER_ID = '<b>mallory</b>';

/** How far the page scrolls sideways (≤ 0: not at all). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The response seeded with {@link XSS} and {@link HOSTILE_USER_ID} shows both as text: no element
 * came from them and no script ran.
 */
export async function expectUserTextAsText(page: Page) {
  const item = page.locator('#comments-title ~ .responses li', { hasText: 'it broke' });
  expect(await item.locator('.comment').textContent()).toBe(XSS);
  expect(await item.getByRole('link').textContent()).toBe(`User ${HOSTILE_USER_ID}`);
  expect(await page.locator('main img, main script, main b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

/**
 * Proves that the page's CSP listener works (an inline style attribute is a violation under the
 * collector's CSP) before a suite trusts an empty list of problems: `seen` is the sink the page
 * was opened with.
 */
export async function expectInlineStyleReported(page: Page, seen: string[]) {
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>'));
  await expect.poll(() => seen.join('\n')).toContain('CSP violation: style-src');
}

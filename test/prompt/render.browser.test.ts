import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../helpers/axe';
import { useBrowserSession } from '../helpers/browser-session';
import { recordCspViolations } from '../helpers/page-problems';
import { FIXTURES } from '../helpers/serve';

// The built prompt module on its own (dist/prompt.js), rendered for a plain-object Survey in the page
// (test/fixtures/page-assets/prompt-harness.js): what only a real browser shows.

const STRICT = { 'content-security-policy': "default-src 'self'" };

const session = useBrowserSession();
let pages = 0;

interface Open {
  head?: string;
  body?: string;
  headers?: Record<string, string>;
  context?: BrowserContextOptions;
}

/** Opens a page that loads the harness; collects CSP violations and page errors. */
async function open(o: Open = {}) {
  const path = `/prompt-page-${++pages}.html`;
  session.server.page(
    path,
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${o.head ?? ''}` +
      `<script type="module" src="${FIXTURES}/prompt-harness.js"></script></head>` +
      `<body>${o.body ?? '<h1>Acme</h1><button id="opener">Rate us</button>'}</body></html>`,
    o.headers ?? STRICT,
  );
  const page = await session.newPage({ context: { reducedMotion: 'reduce', ...o.context } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const violations = await recordCspViolations(page);
  await page.goto(session.url + path);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready);
  return {
    page,
    errors,
    async show(init: Record<string, unknown> = {}) {
      await page.evaluate((i) => (window as unknown as { openPrompt(i: unknown): void }).openPrompt(i), init);
      await page.locator('[data-nps-widget] [role=dialog]').waitFor();
    },
    calls: () => page.evaluate(() => (window as unknown as { calls: unknown[] }).calls),
    violations,
    close: () => page.context().close(),
  };
}

/** Evaluates `fn` on an element inside the prompt's shadow root (Playwright's CSS pierces open shadow roots). */
const inPrompt = <T>(page: Page, selector: string, fn: (el: Element) => T) =>
  page.locator(`[data-nps-widget] ${selector}`).first().evaluate(fn);

const box = (page: Page, selector: string) =>
  inPrompt(page, selector, (el) => {
    const b = el.getBoundingClientRect();
    return { x: b.x, y: b.y, w: b.width, h: b.height, right: b.right, bottom: b.bottom };
  });

const review = { href: 'https://example.com/review', text: 'Review us' };

describe('dist/prompt.js in Chromium', () => {
  it('renders styled under default-src self with no CSP violation, and answers end to end', async () => {
    const p = await open();
    await p.show({ options: { position: 'bottom-right', thanks: { closeAfterMs: 200 } } });
    const style = await inPrompt(p.page, '.dialog', (d) => {
      const root = d.getRootNode() as ShadowRoot;
      // biome-ignore lint/style/noNonNullAssertion: runs in the page, where no helper can be imported; a missing element must fail at once
      const w = getComputedStyle(root.querySelector('.widget')!);
      const s = getComputedStyle(d);
      return {
        position: w.position,
        bottom: w.bottom,
        background: s.backgroundColor,
        radius: s.borderTopLeftRadius,
        sheets: root.adoptedStyleSheets.length,
      };
    });
    expect(style).toEqual({
      position: 'fixed',
      bottom: '16px',
      background: 'rgb(255, 255, 255)',
      radius: '12px',
      sheets: 1,
    });
    await p.page.getByRole('radio', { name: '6' }).click();
    await p.page.getByRole('textbox', { name: 'What is the main reason for your score?' }).fill('Slow');
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.locator('[data-nps-widget]').waitFor({ state: 'detached' });
    expect(await p.calls()).toEqual([['answer', 6], ['comment', 'Slow'], ['done']]);
    expect(await p.violations()).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds nothing serious on the scale, the follow-up and the thank-you with a link (${colorScheme} page)`, async () => {
      const p = await open({ context: { colorScheme }, head: '<meta name="color-scheme" content="light dark">' });
      await p.show({ options: { thanks: { closeAfterMs: 60_000, promoter: { link: review } } } });
      expect(await seriousAxeViolations(p.page, { shadowHost: '[data-nps-widget]' })).toEqual([]);
      await p.page.getByRole('radio', { name: '9' }).click();
      await p.page.getByRole('textbox').fill('Fast');
      expect(await seriousAxeViolations(p.page, { shadowHost: '[data-nps-widget]' })).toEqual([]);
      await p.page.getByRole('button', { name: 'Send' }).click();
      await p.page.getByRole('link', { name: 'Review us' }).waitFor();
      expect(await seriousAxeViolations(p.page, { shadowHost: '[data-nps-widget]' })).toEqual([]);
      await p.close();
    });
  }

  it('axe finds nothing serious in the modal (center) position', async () => {
    const p = await open();
    await p.show({ options: { position: 'center' } });
    expect(await seriousAxeViolations(p.page, { shadowHost: '[data-nps-widget]' })).toEqual([]);
    await p.close();
  });

  it('mobile 390×844: two rows of 40 px targets, the end labels under 0 and under 10', async () => {
    const p = await open({ context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    await p.show();
    const sheet = await box(p.page, '.dialog');
    expect(sheet).toMatchObject({ x: 0, w: 390, bottom: 844 });
    const radios = await inPrompt(p.page, '.scale', (s) =>
      [...s.children].map((r) => {
        const b = r.getBoundingClientRect();
        return { x: b.x, right: b.right, y: b.y, w: b.width, h: b.height };
      }),
    );
    for (const r of radios) expect(Math.min(r.w, r.h)).toBeGreaterThanOrEqual(40);
    expect(radios[5].y).toBe(radios[0].y);
    expect(radios[6].y).toBeGreaterThan(radios[0].y);
    expect(radios[10].y).toBe(radios[6].y);
    const low = await box(p.page, '.labels > :first-child');
    const high = await box(p.page, '.labels > :last-child');
    // The text of each label, not just its box: the high label's text ends at the right edge of 10.
    const highText = await inPrompt(p.page, '.labels > :last-child', (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const b = range.getBoundingClientRect();
      return { x: b.x, right: b.right };
    });
    expect(Math.abs(low.x - radios[0].x)).toBeLessThanOrEqual(1);
    expect(Math.abs(highText.right - radios[10].right)).toBeLessThanOrEqual(1);
    expect(highText.x).toBeGreaterThanOrEqual(radios[6].x - 1);
    expect(high.y).toBeGreaterThan(radios[10].y);
    await p.page.getByRole('radio', { name: '9' }).tap();
    await p.page.getByRole('textbox').waitFor();
    expect(parseFloat(await inPrompt(p.page, 'textarea', (t) => getComputedStyle(t).fontSize))).toBeGreaterThanOrEqual(
      16,
    );
    expect((await box(p.page, '.send')).h).toBeGreaterThanOrEqual(40);
    expect(Math.min((await box(p.page, '.close')).w, (await box(p.page, '.close')).h)).toBeGreaterThanOrEqual(40);
    await p.close();
  });

  it('theme.mode auto follows the host page: light on a light-only page even when the OS is dark', async () => {
    const background = async (head: string) => {
      const p = await open({ head, context: { colorScheme: 'dark' } });
      await p.show();
      const color = await inPrompt(p.page, '.dialog', (d) => getComputedStyle(d).backgroundColor);
      await p.close();
      return color;
    };
    expect(await background('')).toBe('rgb(255, 255, 255)');
    expect(await background('<meta name="color-scheme" content="light dark">')).toBe('rgb(31, 41, 55)');
    expect(await background(`<link rel="stylesheet" href="${FIXTURES}/dark-root.css">`)).toBe('rgb(31, 41, 55)');
  });

  it('a dark-capable page on a light OS keeps the light card', async () => {
    const p = await open({
      head: '<meta name="color-scheme" content="light dark">',
      context: { colorScheme: 'light' },
    });
    await p.show();
    expect(await inPrompt(p.page, '.dialog', (d) => getComputedStyle(d).backgroundColor)).toBe('rgb(255, 255, 255)');
    await p.close();
  });

  it('Escape dismisses while focus is still on the button that opened the prompt', async () => {
    const p = await open();
    await p.page.focus('#opener');
    await p.show();
    expect(await p.page.evaluate(() => document.activeElement?.id)).toBe('opener');
    await p.page.keyboard.press('Escape');
    await p.page.locator('[data-nps-widget]').waitFor({ state: 'detached' });
    expect(await p.calls()).toEqual([['dismiss'], ['done']]);
    await p.close();
  });

  it('CSS on the nps-widget element beats the theme option, which beats the defaults', async () => {
    const p = await open({ head: `<link rel="stylesheet" href="${FIXTURES}/page-theme.css">` });
    await p.show({ options: { theme: { accent: '#00ff00', radius: '2px' } } });
    await p.page.getByRole('radio', { name: '5' }).click();
    await p.page.getByRole('textbox').waitFor();
    const look = await inPrompt(p.page, '.send', (s) => ({
      accent: getComputedStyle(s).backgroundColor,
      // biome-ignore lint/style/noNonNullAssertion: runs in the page, where no helper can be imported; a missing element must fail at once
      radius: getComputedStyle(s.closest('.dialog')!).borderTopLeftRadius,
    }));
    // page-theme.css sets --nps-accent (rgb(170, 0, 0)) but not --nps-radius.
    expect(look).toEqual({ accent: 'rgb(170, 0, 0)', radius: '2px' });
    await p.close();
  });

  it("a page's own nps-widget custom element does not break the prompt", async () => {
    const p = await open({
      head: `<script src="${FIXTURES}/page-nps-widget.js"></script>`,
      body: '<nps-widget></nps-widget>',
    });
    await p.show();
    const tags = await p.page.evaluate(() =>
      [...document.querySelectorAll('[data-nps-widget]')].map((e) => e.tagName.toLowerCase()),
    );
    expect(tags).toEqual(['nps-widget-0123456789ab']);
    // biome-ignore lint/style/noNonNullAssertion: runs in the page, where no helper can be imported; a missing element must fail at once
    expect(await p.page.evaluate(() => document.querySelector('nps-widget')!.shadowRoot!.textContent)).toBe(
      'page widget',
    );
    await p.page.getByRole('radio', { name: '10, Extremely likely' }).click();
    await p.page.getByRole('textbox').waitFor();
    expect(await p.violations()).toEqual([]);
    await p.close();
  });
});

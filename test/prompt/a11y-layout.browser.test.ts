// biome-ignore-all lint/style/noNonNullAssertion: the checks run in the page (page.evaluate), where no helper can be imported; a missing widget element must fail there at once
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usePromptPages } from '../helpers/prompt-page';
import { seriousAxeViolations } from '../helpers/axe';

const h = usePromptPages();

const box = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const b = document.querySelector('nps-widget')!.shadowRoot!.querySelector(s)!.getBoundingClientRect();
    return { x: b.x, y: b.y, w: b.width, h: b.height, right: b.right, bottom: b.bottom };
  }, selector);

describe('accessibility and layout, in Chromium', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds nothing serious in the prompt, the follow-up and the thank-you (${colorScheme})`, async () => {
      const p = await h.open({ context: { colorScheme, reducedMotion: 'reduce' } });
      await p.show({ thanks: { closeAfterMs: 60_000 } });
      expect(await seriousAxeViolations(p.page, { shadowHost: 'nps-widget' })).toEqual([]);
      await p.page.getByRole('radio', { name: '8' }).click();
      await p.page.getByRole('textbox').fill('More integrations');
      expect(await seriousAxeViolations(p.page, { shadowHost: 'nps-widget' })).toEqual([]);
      await p.page.getByRole('button', { name: 'Send' }).click();
      await p.page.getByRole('status').getByText('Thank you for your feedback!').waitFor();
      expect(await seriousAxeViolations(p.page, { shadowHost: 'nps-widget' })).toEqual([]);
      await p.page.context().close();
    });
  }

  it('axe finds nothing serious in the modal (center) position', async () => {
    const p = await h.open({ context: { reducedMotion: 'reduce' } });
    await p.show({ position: 'center' });
    expect(await seriousAxeViolations(p.page, { shadowHost: 'nps-widget' })).toEqual([]);
    await p.page.context().close();
  });

  it('RTL (ar): right to left, 0 on the right, Close on the left', async () => {
    const p = await h.open({ context: { reducedMotion: 'reduce' } });
    await p.show({ locale: 'ar-EG' });
    await p.page.getByRole('radio', { name: '0, غير محتمل على الإطلاق' }).waitFor();
    const dir = await p.page.evaluate(() => {
      const w = document.querySelector('nps-widget')!.shadowRoot!.querySelector('[part=container]')!;
      return [w.getAttribute('dir'), w.getAttribute('lang'), getComputedStyle(w).direction];
    });
    expect(dir).toEqual(['rtl', 'ar', 'rtl']);
    const zero = await box(p.page, '[role=radio]:first-child');
    const ten = await box(p.page, '[role=radio]:last-child');
    const close = await box(p.page, '[part=close]');
    const dialog = await box(p.page, '[role=dialog]');
    expect(zero.x).toBeGreaterThan(ten.x);
    expect(close.x - dialog.x).toBeLessThan(dialog.right - close.right);
    await p.page.context().close();
  });

  it('mobile 390×844: a full-width bottom sheet with 40 px targets in two rows and a 16 px textarea', async () => {
    const p = await h.open({
      context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' },
    });
    await p.show();
    const sheet = await box(p.page, '[role=dialog]');
    expect(sheet).toMatchObject({ x: 0, w: 390, bottom: 844 });
    const radios = await p.page.evaluate(() =>
      [...document.querySelector('nps-widget')!.shadowRoot!.querySelectorAll('[role=radio]')].map((r) => {
        const b = r.getBoundingClientRect();
        return { w: b.width, h: b.height, y: b.y };
      }),
    );
    for (const r of radios) expect(Math.min(r.w, r.h)).toBeGreaterThanOrEqual(40);
    expect(radios[5].y).toBe(radios[0].y);
    expect(radios[6].y).toBeGreaterThan(radios[0].y);
    expect(radios[10].y).toBe(radios[6].y);
    const close = await box(p.page, '[part=close]');
    expect(Math.min(close.w, close.h)).toBeGreaterThanOrEqual(40);
    await p.page.getByRole('radio', { name: '9' }).tap();
    await p.page.getByRole('textbox').waitFor();
    const ta = await p.page.evaluate(
      () => getComputedStyle(document.querySelector('nps-widget')!.shadowRoot!.querySelector('textarea')!).fontSize,
    );
    expect(parseFloat(ta)).toBeGreaterThanOrEqual(16);
    const send = await box(p.page, '[part=send]');
    expect(send.h).toBeGreaterThanOrEqual(40);
    await p.page.context().close();
  });
});

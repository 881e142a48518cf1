// biome-ignore-all lint/style/noNonNullAssertion: the checks run in the page (page.evaluate), where no helper can be imported; a missing widget element must fail there at once
import { describe, expect, it } from 'vitest';
import { usePromptPages } from '../helpers/prompt-page';

const h = usePromptPages();

const HOSTILE = `<style>
* { all: unset }
html, body { font-size: 64px !important; line-height: 5 !important }
button { display: none !important }
div { position: static !important }
nps-widget { display: none; position: absolute; left: -9999px; transform: scale(0.1); opacity: 0 }
[role=radio], [role=dialog] { visibility: hidden !important }
</style>`;

/** The bounding boxes of the 11 radios inside the shadow root, and whether each is the topmost element at its centre. */
const radioBoxes = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const root = document.querySelector('nps-widget')!.shadowRoot!;
    return [...root.querySelectorAll('[role=radio]')].map((r) => {
      const b = r.getBoundingClientRect();
      const top = root.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
      return {
        w: b.width,
        h: b.height,
        x: b.x,
        y: b.y,
        top: top === r,
        visible: getComputedStyle(r).visibility === 'visible',
      };
    });
  });

describe('isolation from the host page, in Chromium', () => {
  it('renders styled under a strict CSP with no violation, including a locale loaded beside nps.js', async () => {
    const p = await h.open({ headers: { 'content-security-policy': "default-src 'self'" } });
    await p.show({ locale: 'fr' });
    const style = await p.page.evaluate(() => {
      const root = document.querySelector('nps-widget')!.shadowRoot!;
      const s = getComputedStyle(root.querySelector('[part=container]')!);
      const d = getComputedStyle(root.querySelector('[role=dialog]')!);
      return {
        position: s.position,
        bottom: s.bottom,
        background: d.backgroundColor,
        radius: d.borderTopLeftRadius,
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
    await p.page.getByRole('radio', { name: '0, Pas du tout probable' }).waitFor();
    await p.page.getByRole('radio', { name: '6' }).click();
    await p.page
      .getByRole('textbox', { name: 'Quelle est la principale raison de votre note\u202f?' })
      .fill('Trop cher');
    await p.page.getByRole('button', { name: 'Envoyer' }).click();
    await p.page.getByRole('status').getByText('Merci pour votre retour\u202f!').waitFor();
    expect(await p.violations()).toEqual([]);
    await p.page.context().close();
  });

  it('a hostile stylesheet cannot hide, move or shrink the scale', async () => {
    const p = await h.open({ head: HOSTILE, context: { reducedMotion: 'reduce' } });
    await p.show();
    // With reduced motion there is no entrance animation to wait for.
    expect(await p.page.evaluate(() => document.querySelector('nps-widget')!.shadowRoot!.getAnimations().length)).toBe(
      0,
    );
    const boxes = await radioBoxes(p.page);
    expect(boxes).toHaveLength(11);
    for (const b of boxes) {
      expect(b.visible).toBe(true);
      expect(b.top).toBe(true);
      expect(b.w).toBeGreaterThanOrEqual(24);
      expect(b.h).toBeGreaterThanOrEqual(24);
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.w).toBeLessThanOrEqual(1280);
    }
    // Still pinned to the bottom-right corner, and the fonts are the widget's own.
    const where = await p.page.evaluate(() => {
      const root = document.querySelector('nps-widget')!.shadowRoot!;
      const d = root.querySelector('[role=dialog]')!;
      const b = d.getBoundingClientRect();
      return {
        right: innerWidth - b.right,
        bottom: innerHeight - b.bottom,
        font: getComputedStyle(d).fontSize,
        send: getComputedStyle(root.querySelector('[part=close]')!).display,
      };
    });
    expect(where).toEqual({ right: 16, bottom: 16, font: '14px', send: 'block' });
    await p.page.getByRole('radio', { name: '10, Extremely likely' }).click();
    await p.page.getByRole('button', { name: 'Send' }).click();
    await p.page.getByRole('status').getByText('Thank you for your feedback!').waitFor();
    await p.page.context().close();
  });

  it('theme values and ::part() rules from the page style the prompt', async () => {
    const p = await h.open({
      head: '<style>nps-widget::part(dialog){border:3px solid rgb(255, 0, 0)}nps-widget::part(score){border-radius:50%}</style>',
    });
    await p.show({
      theme: { accent: '#0f766e', background: '#fffbeb', radius: '4px', font: 'monospace', zIndex: 42, mode: 'dark' },
    });
    const look = await p.page.evaluate(() => {
      const root = document.querySelector('nps-widget')!.shadowRoot!;
      const d = getComputedStyle(root.querySelector('[role=dialog]')!);
      const r = getComputedStyle(root.querySelector('[role=radio]')!);
      return {
        z: getComputedStyle(root.querySelector('[part=container]')!).zIndex,
        bg: d.backgroundColor,
        radius: d.borderTopLeftRadius,
        border: `${d.borderTopColor} ${d.borderTopWidth}`,
        font: d.fontFamily,
        score: r.borderTopLeftRadius,
        text: d.color,
      };
    });
    // Forced dark mode keeps the theme's own background; the text colour is dark mode's.
    expect(look).toEqual({
      z: '42',
      bg: 'rgb(255, 251, 235)',
      radius: '4px',
      border: 'rgb(255, 0, 0) 3px',
      font: 'monospace',
      score: '50%',
      text: 'rgb(249, 250, 251)',
    });
    await p.page.getByRole('radio', { name: '5' }).click();
    await p.page.getByRole('textbox').waitFor();
    const send = await p.page.evaluate(
      () =>
        getComputedStyle(document.querySelector('nps-widget')!.shadowRoot!.querySelector('[part=send]')!)
          .backgroundColor,
    );
    expect(send).toBe('rgb(15, 118, 110)');
    await p.page.context().close();
  });

  it('works on a page in a legacy charset: nps.js is plain ASCII', async () => {
    const p = await h.open({ charset: false });
    expect(await p.page.evaluate(() => document.characterSet)).not.toBe('UTF-8');
    await p.show();
    expect(
      await p.page.evaluate(
        () => document.querySelector('nps-widget')!.shadowRoot!.querySelector('[part=close]')!.textContent,
      ),
    ).toBe('\u00d7');
    await p.page.getByRole('button', { name: 'Close' }).click();
    expect(await p.result()).toMatchObject({ status: 'dismissed' });
    await p.page.context().close();
  });

  it("the widget's CSS does not change the host page", async () => {
    const p = await h.open({
      body: '<h1>Acme</h1><p id="t">Text</p><button id="page-button">Buy</button><div id="box">x</div><textarea id="ta"></textarea>',
    });
    const snapshot = () =>
      p.page.evaluate(() =>
        ['t', 'page-button', 'box', 'ta'].map((id) => {
          const s = getComputedStyle(document.getElementById(id)!);
          return [
            s.font,
            s.color,
            s.background,
            s.border,
            s.margin,
            s.padding,
            s.boxSizing,
            s.position,
            s.display,
          ].join('|');
        }),
      );
    const before = await snapshot();
    await p.show({ position: 'bottom' });
    expect(await snapshot()).toEqual(before);
    await p.page.context().close();
  });
});

import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { promptCss } from '../../src/prompt/prompt-styles';
import { flush, openPrompt, type OpenPrompt } from './open-prompt';

afterEach(() => {
  vi.unstubAllGlobals();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

const wrapper = (p: OpenPrompt) => p.root.querySelector('.widget') as HTMLElement;
/** The prompt's stylesheet text, read from the `<style>` fallback (happy-dom's CSSOM drops @media rules). */
const sheetText = (p: OpenPrompt) => (p.root.querySelector('style') as HTMLStyleElement).textContent as string;

describe('positions', () => {
  it.each(['bottom-right', 'bottom-left', 'bottom', 'center'] as const)('%s floats on <body>', (position) => {
    const p = openPrompt({ options: { position } });
    expect(p.host.parentElement).toBe(document.body);
    expect(wrapper(p).className).toBe(`widget ${position}`);
  });

  it('inline renders into the given element or selector', () => {
    const slot = document.body.appendChild(document.createElement('section'));
    slot.id = 'slot';
    const a = openPrompt({ options: { position: { inline: slot } } });
    expect(a.host.parentElement).toBe(slot);
    expect(wrapper(a).className).toBe('widget inline');
    a.view.close();
    const b = openPrompt({ options: { position: { inline: '#slot' } } });
    expect(b.host.parentElement).toBe(slot);
  });

  it.each(['#missing', '[[not a selector'])(
    'an inline selector that matches nothing (%s) falls back to the corner',
    (inline) => {
      const p = openPrompt({ options: { position: { inline } } });
      expect(p.host.parentElement).toBe(document.body);
      expect(wrapper(p).className).toBe('widget bottom-right');
    },
  );
});

describe('focus', () => {
  it('center is a modal: focus moves in, is trapped, and returns on close', async () => {
    const page = document.body.appendChild(document.createElement('button'));
    page.focus();
    const p = openPrompt({ options: { position: 'center' } });
    const dialog = p.ui.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const radios = p.ui.getAllByRole('radio');
    expect(p.root.activeElement).toBe(radios[0]);
    const close = p.ui.getByRole('button', { name: 'Close' });
    // Tab from the last stop wraps to the first; Shift+Tab from the first wraps to the last.
    close.focus();
    expect(fireEvent.keyDown(close, { key: 'Tab' })).toBe(false);
    expect(p.root.activeElement).toBe(radios[0]);
    expect(fireEvent.keyDown(radios[0], { key: 'Tab', shiftKey: true })).toBe(false);
    expect(p.root.activeElement).toBe(close);
    // Between the two, Tab is left to the browser.
    radios[0].focus();
    expect(fireEvent.keyDown(radios[0], { key: 'Tab' })).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await flush();
    expect(p.host.isConnected).toBe(false);
    expect(document.activeElement).toBe(page);
  });

  it('other positions never take focus on show', () => {
    const page = document.body.appendChild(document.createElement('input'));
    page.focus();
    const p = openPrompt({ options: { position: 'bottom-left' } });
    expect(document.activeElement).toBe(page);
    expect(p.root.activeElement).toBeNull();
  });
});

describe('Escape while focus is still where it was when the prompt opened', () => {
  it('dismisses from the button that opened the prompt', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const p = openPrompt();
    fireEvent.keyDown(opener, { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([['dismiss'], ['done']]);
    expect(p.host.isConnected).toBe(false);
  });

  it('dismisses from the body', async () => {
    const p = openPrompt();
    expect(document.activeElement).toBe(document.body);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([['dismiss'], ['done']]);
  });

  it('leaves the key to a page handler that took it, and to focus that moved elsewhere', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    const field = document.body.appendChild(document.createElement('input'));
    opener.focus();
    const p = openPrompt();
    opener.addEventListener('keydown', (e) => e.preventDefault());
    fireEvent.keyDown(opener, { key: 'Escape' });
    field.focus();
    fireEvent.keyDown(field, { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([]);
    expect(p.host.isConnected).toBe(true);
  });

  it('stops listening once the prompt is closed', async () => {
    const p = openPrompt();
    p.view.close();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await flush();
    expect(p.calls).toEqual([]);
  });
});

describe('styles', () => {
  it('falls back to a <style nonce> where constructable stylesheets are missing', () => {
    vi.stubGlobal('CSSStyleSheet', undefined);
    const p = openPrompt({ nonce: 'abc123' });
    const style = p.root.querySelector('style') as HTMLStyleElement;
    // happy-dom has no `nonce` IDL attribute, so Preact writes the content attribute there; browsers take the property.
    expect(style.nonce || style.getAttribute('nonce')).toBe('abc123');
    expect(style.textContent).toContain(':host{all:initial!important');
    expect(p.root.adoptedStyleSheets).toHaveLength(0);
  });

  it('writes theme values as public custom properties on :host, and a value cannot break out of its declaration', () => {
    const text = promptCss({
      accent: 'red;}body{display:none',
      background: '#fff',
      radius: '4px',
      font: 'Inter, "x"}',
      zIndex: 7,
      text: '#222',
    });
    const host = text.slice(0, text.indexOf('}') + 1);
    expect(host).toBe(
      ':host{--nps-accent:redbodydisplaynone;--nps-background:#fff;--nps-text:#222;--nps-radius:4px;--nps-font:Inter, x;--nps-z-index:7;--nps-accent-text:#fff;}',
    );
    expect(text).not.toContain('body{');
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('a theme value can neither open nor close a comment, which would swallow the rules after it', () => {
    for (const font of ['Inter /*', 'Inter */', 'x//*', '/**/*', '*//']) {
      const text = promptCss({ font, radius: 'calc(4px * 2)', background: 'rgb(0 0 0 / 50%)' });
      expect(text).not.toContain('/*');
      expect(text).not.toContain('*/');
      expect(text).toContain(':host{all:initial!important');
    }
    // The slash and the star still work where they do not meet.
    expect(promptCss({ radius: 'calc(4px * 2)', background: 'rgb(0 0 0 / 50%)' })).toContain(
      '--nps-background:rgb(0 0 0 / 50%);--nps-radius:calc(4px * 2);',
    );
  });

  it('the public custom properties are what the sheet uses, each with a default', () => {
    const text = promptCss();
    for (const name of ['accent', 'accent-text', 'background', 'text', 'radius', 'font', 'z-index'])
      expect(text).toMatch(new RegExp(`var\\(--nps-${name},[^)]`));
  });

  it('dark mode: always on with mode dark, off with light, and auto follows the host page', () => {
    expect(promptCss({ mode: 'dark' })).toMatch(/\.widget\{[^}]*--background:var\(--nps-background,#1f2937\)/);
    expect(promptCss({ mode: 'dark' })).not.toContain('prefers-color-scheme');
    expect(promptCss({ mode: 'light' }, true)).not.toContain('#1f2937');
    expect(promptCss({ mode: 'auto' }, false)).not.toContain('#1f2937');
    expect(promptCss({ mode: 'auto' }, true)).toMatch(/@media ?\(prefers-color-scheme: ?dark\)\{\.widget\{--accent/);
  });

  it.each([
    ['a light-only page', '', false],
    ['<meta name="color-scheme" content="light dark">', '<meta name="color-scheme" content="light dark">', true],
    ['<meta name="color-scheme" content="only light">', '<meta name="color-scheme" content="only light">', false],
  ])('theme.mode auto on %s: dark only where the page supports it', (_, head, dark) => {
    document.head.innerHTML = head;
    vi.stubGlobal('CSSStyleSheet', undefined);
    const p = openPrompt();
    expect(sheetText(p).includes('prefers-color-scheme')).toBe(dark);
  });

  it('theme.mode auto honours color-scheme set on the root element', () => {
    document.documentElement.style.colorScheme = 'light dark';
    vi.stubGlobal('CSSStyleSheet', undefined);
    try {
      expect(sheetText(openPrompt()).includes('prefers-color-scheme')).toBe(true);
    } finally {
      document.documentElement.style.colorScheme = '';
    }
  });

  it('never writes style attributes', async () => {
    const p = openPrompt({ options: { theme: { accent: '#f00' } } });
    fireEvent.click(p.ui.getAllByRole('radio')[1]);
    await flush();
    fireEvent.input(p.ui.getByRole('textbox'), { target: { value: 'x' } });
    expect(p.root.querySelector('[style]')).toBeNull();
    expect(p.host.hasAttribute('style')).toBe(false);
  });

  it('names every visible part', async () => {
    const p = openPrompt({
      options: { thanks: { promoter: { link: { href: 'https://example.com/review', text: 'Review us' } } } },
    });
    const parts = () => new Set([...p.root.querySelectorAll('[part]')].map((e) => e.getAttribute('part')));
    expect([...parts()]).toEqual(['container', 'dialog', 'question', 'scale', 'score', 'labels', 'thanks', 'close']);
    fireEvent.click(p.ui.getAllByRole('radio')[9]);
    await flush();
    expect([...parts()]).toEqual([
      'container',
      'dialog',
      'follow-up',
      'question',
      'textarea',
      'counter',
      'send',
      'thanks',
      'close',
    ]);
    fireEvent.click(p.ui.getByRole('button', { name: 'Send' }));
    await flush();
    expect([...parts()]).toEqual(['container', 'dialog', 'thanks', 'link', 'close']);
  });
});

describe('on-screen keyboard', () => {
  /** A prompt on a phone 844 px high whose visual viewport is `height` high (less while the keyboard is up). */
  function onPhone(height: number) {
    const viewport = Object.assign(new EventTarget(), { height, offsetTop: 0 });
    vi.stubGlobal('visualViewport', viewport);
    vi.stubGlobal('innerHeight', 844);
    const p = openPrompt();
    const lifted = () =>
      (p.root.adoptedStyleSheets[0].cssRules[0] as CSSStyleRule).style.getPropertyValue('--keyboard-inset');
    return { vv: viewport, p, lifted };
  }

  it('lifts the bottom sheet by the height the visual viewport lost, and stops listening on close', () => {
    const { vv, p, lifted } = onPhone(844);
    expect(lifted()).toBe('0px');
    vv.height = 544;
    vv.dispatchEvent(new Event('resize'));
    expect(lifted()).toBe('300px');
    p.view.close();
    vv.height = 844;
    vv.dispatchEvent(new Event('resize'));
    expect(lifted()).toBe('300px');
  });

  it('is lifted at once when the keyboard is already up, and follows the visual viewport when it scrolls', () => {
    const { vv, p, lifted } = onPhone(544);
    expect(lifted()).toBe('300px');
    // iOS scrolls the visual viewport down over the layout one: only `scroll` fires.
    vv.offsetTop = 200;
    vv.dispatchEvent(new Event('scroll'));
    expect(lifted()).toBe('100px');
    p.view.close();
    vv.offsetTop = 0;
    vv.dispatchEvent(new Event('scroll'));
    expect(lifted()).toBe('100px');
  });
});

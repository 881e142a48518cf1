import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { css } from '../../src/prompt/styles';
import { flush, openPrompt } from './mount';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const wrapper = (p: ReturnType<typeof openPrompt>) => p.root.querySelector('.w')!;

describe('positions', () => {
  it.each([
    ['bottom-right', 'bottom-right'],
    ['bottom-left', 'bottom-left'],
    ['bottom', 'bottom'],
    ['center', 'center'],
  ] as const)('%s floats on <body>', (position, cls) => {
    const p = openPrompt({ options: { position } });
    expect(p.host.parentElement).toBe(document.body);
    expect(wrapper(p).className).toBe('w ' + cls);
  });

  it('inline renders into the given element or selector', () => {
    const slot = document.body.appendChild(document.createElement('section'));
    slot.id = 'slot';
    const a = openPrompt({ options: { position: { inline: slot } } });
    expect(a.host.parentElement).toBe(slot);
    expect(wrapper(a).className).toBe('w i');
    a.view.close();
    const b = openPrompt({ options: { position: { inline: '#slot' } } });
    expect(b.host.parentElement).toBe(slot);
  });

  it('an inline selector that matches nothing falls back to the corner instead of hiding the prompt', () => {
    const p = openPrompt({ options: { position: { inline: '#missing' } } });
    expect(p.host.parentElement).toBe(document.body);
    expect(wrapper(p).className).toBe('w bottom-right');
  });
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
    expect(fireEvent.keyDown(radios[0]!, { key: 'Tab', shiftKey: true })).toBe(false);
    expect(p.root.activeElement).toBe(close);
    // Between the two, Tab is left to the browser.
    radios[0]!.focus();
    expect(fireEvent.keyDown(radios[0]!, { key: 'Tab' })).toBe(true);
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

describe('styles', () => {
  it('falls back to a <style nonce> where constructable stylesheets are missing', () => {
    vi.stubGlobal('CSSStyleSheet', undefined);
    const p = openPrompt({ nonce: 'abc123' });
    const style = p.root.querySelector('style')!;
    // happy-dom has no `nonce` IDL attribute, so Preact writes the content attribute there; browsers take the property.
    expect(style.nonce || style.getAttribute('nonce')).toBe('abc123');
    expect(style.textContent).toContain(':host{all:initial!important');
    expect(p.root.adoptedStyleSheets).toHaveLength(0);
  });

  it('writes theme values as custom properties, and a value cannot break out of its declaration', () => {
    const text = css({ accent: 'red;}body{display:none', background: '#fff', radius: '4px', font: 'Inter, "x"}', zIndex: 7 });
    expect(text).toContain('--a:redbodydisplaynone;');
    expect(text).not.toContain('body{');
    expect(text).toContain('--f:Inter, x;');
    expect(text).toContain('--z:7;');
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('dark mode follows the system in auto, is always on in dark and off in light', () => {
    expect(css()).toMatch(/@media\(prefers-color-scheme:dark\)\{\.w\{--b:#1f2937/);
    expect(css({ mode: 'dark' })).toMatch(/\}\.w\{--b:#1f2937/);
    expect(css({ mode: 'dark' })).not.toContain('prefers-color-scheme');
    expect(css({ mode: 'light' })).not.toContain('#1f2937');
  });

  it('never writes style attributes', async () => {
    const p = openPrompt({ options: { theme: { accent: '#f00' } } });
    fireEvent.click(p.ui.getAllByRole('radio')[1]!);
    await flush();
    fireEvent.input(p.ui.getByRole('textbox'), { target: { value: 'x' } });
    expect(p.root.querySelector('[style]')).toBeNull();
  });
});

describe('on-screen keyboard', () => {
  it('lifts the bottom sheet by the height the visual viewport lost, and stops listening on close', () => {
    const vv = Object.assign(new EventTarget(), { height: 844, offsetTop: 0 });
    vi.stubGlobal('visualViewport', vv);
    vi.stubGlobal('innerHeight', 844);
    const p = openPrompt();
    const lifted = () => {
      const rules = p.root.adoptedStyleSheets[0]!.cssRules;
      // The theme rule comes first in the sheet (styles.ts): that is where --k goes.
      return (rules[0] as CSSStyleRule).style.getPropertyValue('--k');
    };
    expect(lifted()).toBe('');
    vv.height = 544;
    vv.dispatchEvent(new Event('resize'));
    expect(lifted()).toBe('300px');
    p.view.close();
    vv.height = 844;
    vv.dispatchEvent(new Event('resize'));
    expect(lifted()).toBe('300px');
  });
});

/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (@jsx h above): the classic runtime keeps prompt.js ~145 B gzip smaller than preact/jsx-runtime
import { h, render } from 'preact';
import type { Renderer } from '../core/renderer';
import { createPrompt } from './create-prompt';
import { pageAllowsDark } from './page-allows-dark';
import { PromptDialog, type Placement } from './prompt-dialog';
import { adoptStyleSheet, createHost, inlineContainer } from './prompt-host';
import { promptCss } from './prompt-styles';

/**
 * The built-in prompt. Renders into an open shadow root on a host element appended to `<body>` (or
 * the inline container), with its styles in a constructable stylesheet or, where that is missing, a
 * `<style nonce>`: no style attributes, no HTML strings, no eval, so it runs under
 * `Content-Security-Policy: default-src 'self'`. Written against the `Survey` handle only.
 * @example const prompt = await renderPrompt(survey); prompt.close();
 */
export const renderPrompt: Renderer = (survey) => {
  const { options } = survey;
  const container = inlineContainer(options.position);
  const placement: Placement = container
    ? 'inline'
    : typeof options.position === 'string'
      ? options.position
      : 'bottom-right';
  const host = createHost(survey.id);
  const root = host.attachShadow({ mode: 'open' });
  const css = promptCss(options.theme, pageAllowsDark());
  const sheet = adoptStyleSheet(root, css);
  // Where focus was when the prompt opened: it goes back there, and Escape there still dismisses.
  const opener = document.activeElement as HTMLElement | null;
  const viewport = window.visualViewport;

  // The on-screen keyboard shrinks the visual viewport, not the layout one that fixed boxes sit in:
  // lift the bottom sheet by the difference, through a custom property in the sheet's first rule
  // (no style attribute). Moving the visual viewport (offsetTop) fires `scroll`, not `resize`.
  // `?.`: a <style> that the page's CSP blocked has no sheet, nothing to lift.
  const lift = () => {
    const rule = (sheet ?? root.querySelector('style')?.sheet)?.cssRules[0] as CSSStyleRule | undefined;
    if (viewport)
      rule?.style.setProperty(
        '--keyboard-inset',
        `${Math.max(0, innerHeight - viewport.height - viewport.offsetTop)}px`,
      );
  };
  // Escape also dismisses while focus is still where it was when the prompt opened (the button that
  // opened it, or the body), unless a handler of the page took the key first.
  const escapeFromOpener = (event: KeyboardEvent) => {
    if (hostRemoved()) return;
    const at = document.activeElement;
    if (event.key === 'Escape' && !event.defaultPrevented && (at === opener || at === document.body)) prompt.dismiss();
  };

  // The page took the prompt away (say, with its inline container): the user never closed it, so
  // nothing is dismissed, and nothing is left to listen for.
  const hostRemoved = () => {
    if (host.isConnected) return false;
    stopListening();
    return true;
  };
  const stopListening = () => {
    viewport?.removeEventListener('resize', lift);
    viewport?.removeEventListener('scroll', lift);
    removeEventListener('keydown', escapeFromOpener);
    removeEventListener('focusin', keepFocusIn);
  };

  const hasFocus = () => !!root.activeElement;
  // The modal keeps focus: whatever moves it into the page (Shift+Tab from <body>, a script) sends it
  // back to the dialog, from where Tab goes on inside.
  const keepFocusIn = () => {
    if (!hostRemoved() && !hasFocus()) root.querySelector<HTMLElement>('[role=dialog]')?.focus();
  };
  const prompt = createPrompt(survey, {
    hasFocus,
    remove() {
      const hadFocus = prompt.modal || hasFocus();
      stopListening();
      render(null, root);
      host.remove();
      if (hadFocus) opener?.focus?.();
    },
  });

  (container ?? document.body).append(host);
  viewport?.addEventListener('resize', lift);
  viewport?.addEventListener('scroll', lift);
  addEventListener('keydown', escapeFromOpener);
  if (prompt.modal) addEventListener('focusin', keepFocusIn);
  render(<PromptDialog prompt={prompt} placement={placement} styleText={sheet ? undefined : css} />, root);
  // The keyboard may be up already (the prompt opened while the user typed).
  lift();
  return { close: prompt.close, live: () => host.isConnected };
};

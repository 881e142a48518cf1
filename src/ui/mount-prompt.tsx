/** @jsxRuntime classic */
/** @jsx h */
import { h, render } from 'preact';
import { dirOf } from '../core/locale';
import { Prompt, type PromptModel } from './prompt';
import { css } from './styles';
import type { MountView } from './view';

// Arrow keys move the roving Tab stop; in RTL the horizontal arrows point the other way.
const STEP: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -1, ArrowRight: 1, Home: -99, End: 99 };

/**
 * Renders the prompt into an open shadow root on a host element appended to `<body>` (or the inline
 * container). Styles go in a constructable stylesheet, or a `<style nonce>` where that is missing:
 * no style attributes and no HTML strings, so it runs under `default-src 'self'`.
 * State lives in this closure and each change re-renders the one component.
 */
export const mountPrompt: MountView = (props) => {
  const { options: o, messages: m, locale } = props;
  const inline = (o.position as { inline?: HTMLElement | string }).inline;
  // An inline selector that matches nothing falls back to the default corner: never hide the prompt.
  const box = typeof inline == 'string' ? document.querySelector(inline) : inline;
  const host = document.createElement('nps-widget');
  const root = host.attachShadow({ mode: 'open' });
  const text = css(o.theme);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (props.nonce) style.nonce = props.nonce;
    style.textContent = text;
    root.append(style);
  }
  const modal = o.position == 'center';
  const vv = window.visualViewport;
  // The on-screen keyboard shrinks the visual viewport, not the layout one that fixed boxes sit in:
  // lift the bottom sheet by the difference (a custom property in the last rule: no style attribute).
  const lift = () => {
    const s = root.adoptedStyleSheets[0] ?? root.querySelector('style')!.sheet!;
    const k = Math.max(0, innerHeight - vv!.height - vv!.offsetTop);
    (s.cssRules[s.cssRules.length - 1] as CSSStyleRule).style.setProperty('--k', k + 'px');
  };
  const back = document.activeElement as HTMLElement | null;
  const rtl = dirOf(locale) == 'rtl';
  let busy = false;
  let gone = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const q = <T extends Element>(s: string) => root.querySelector<T>(s);
  const all = (s: string) => [...root.querySelectorAll<HTMLElement>(s)];
  const update = () => !gone && render(<Prompt {...model} />, root);
  // Move focus within the widget only when it is already there (or in the modal): never steal it.
  const refocus = (had: boolean, s: string) => (had || modal) && q<HTMLElement>(s)?.focus();
  // Runs an awaited step once at a time; a failed callback leaves the view where it was.
  const act = async (work: () => Promise<unknown>, next: () => void) => {
    if (busy || gone) return;
    busy = true;
    update();
    try {
      await work();
      next();
    } catch {}
    busy = false;
    update();
  };

  const close = () => {
    if (gone) return;
    const had = !!root.activeElement;
    clearTimeout(timer);
    vv?.removeEventListener('resize', lift);
    render(null, root);
    gone = true;
    host.remove();
    if (had || modal) back?.focus?.();
  };
  const end = () => {
    if (gone) return;
    close();
    props.onClosed();
  };

  const model: PromptModel = {
    m,
    locale,
    pos: box ? 'i' : inline ? 'bottom-right' : (o.position as string),
    modal,
    step: 0,
    focus: 0,
    text: '',
    max: o.commentMaxLength,
    choose(n) {
      if (busy || model.step) return;
      model.score = model.focus = n;
      act(
        () => props.onScore(n).catch((e) => ((model.score = undefined), Promise.reject(e))),
        () => {
          const had = !!root.activeElement;
          model.step = 1;
          update();
          refocus(had, 'textarea');
        },
      );
    },
    keys(e) {
      const k = e.key;
      if (k == 'Escape') return model.dismiss();
      if (k == 'Tab' && modal) {
        const f = all('button:not([tabindex="-1"]),textarea');
        const at = root.activeElement;
        const [first, last] = e.shiftKey ? [f[f.length - 1], f[0]] : [f[0], f[f.length - 1]];
        if (at == last || !f.includes(at as HTMLElement)) (e.preventDefault(), first!.focus());
        return;
      }
      if (model.step || busy) return;
      if (/^\d$/.test(k)) return model.choose(+k);
      const d = STEP[k];
      if (d && (e.target as Element).getAttribute('role') == 'radio') {
        e.preventDefault();
        const n = model.focus + (rtl && /^Arrow[LR]/.test(k) ? -d : d);
        model.focus = d * d > 1 ? (d > 0 ? 10 : 0) : (n + 11) % 11;
        update();
        all('[role=radio]')[model.focus]!.focus();
      }
    },
    input(t) {
      model.text = t;
      update();
    },
    send: () =>
      act(
        () => props.onComment(model.text),
        () => {
          const had = !!root.activeElement;
          model.step = 2;
          update();
          refocus(had, '.d');
          timer = setTimeout(end, o.thanks?.closeAfterMs ?? 3000);
        },
      ),
    dismiss() {
      if (gone) return;
      busy = true;
      clearTimeout(timer);
      props.onDismiss().catch(() => {}).then(end);
    },
  };

  (box || document.body).append(host);
  vv?.addEventListener('resize', lift);
  update();
  if (modal) q<HTMLElement>('[tabindex="0"]')?.focus();
  return { close };
};

/** @jsxRuntime classic */
/** @jsx h */
import { h, render } from 'preact';
import { dirOf } from '../core/locale';
import { categoryOf } from '../core/nps-score';
import { css } from './styles';
import type { MountView } from './view';

// Arrow keys move the roving Tab stop; in RTL the horizontal arrows point the other way.
const STEP: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -1, ArrowRight: 1, Home: -99, End: 99 };

/**
 * Renders the prompt into an open shadow root on a host element appended to `<body>` (or the inline
 * container). Styles go in a constructable stylesheet, or a `<style nonce>` where that is missing:
 * no style attributes and no HTML strings, so it runs under `default-src 'self'`.
 * The state lives in this closure (plain locals, which minify well) and each change re-renders
 * `view()`: the dialog, with the 0–10 radiogroup, then the category's follow-up, then the thank-you
 * (a live region).
 */
export const mountPrompt: MountView = (props) => {
  const { options: o, messages: m, locale } = props;
  const inline = (o.position as { inline?: HTMLElement | string }).inline;
  // An inline selector that matches nothing falls back to the default corner: never hide the prompt.
  let box: Element | null | undefined;
  try {
    box = typeof inline == 'string' ? document.querySelector(inline) : inline;
  } catch {}
  const host = document.createElement('nps-widget');
  const root = host.attachShadow({ mode: 'open' });
  const text = css(o.theme);
  // Without constructable stylesheets, `sheet` stays unset and view() renders a `<style nonce>`.
  let sheet: CSSStyleSheet | undefined;
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(text);
    root.adoptedStyleSheets = [s];
    sheet = s;
  } catch {}
  const max = o.commentMaxLength;
  const pos = box ? 'i' : inline ? 'bottom-right' : (o.position as string);
  // `undefined` rather than false, so that `aria-modal` is left out, not written as "false".
  const modal = o.position == 'center' || undefined;
  const vv = window.visualViewport;
  // The on-screen keyboard shrinks the visual viewport, not the layout one that fixed boxes sit in:
  // lift the bottom sheet by the difference (a custom property in the sheet's first rule: no style attribute).
  // `?.`: a <style> that the page's CSP blocked has no sheet, and then there is nothing to lift.
  const lift = () =>
    ((sheet ?? root.querySelector('style')?.sheet)?.cssRules[0] as CSSStyleRule | undefined)?.style.setProperty(
      '--k',
      Math.max(0, innerHeight - vv!.height - vv!.offsetTop) + 'px',
    );
  const back = document.activeElement as HTMLElement | null;
  const dir = dirOf(locale);
  /** 0 the scale, 1 the follow-up, 2 the thank-you. */
  let step = 0;
  let score: number | undefined;
  /** The radio holding the group's single Tab stop. */
  let focus = 0;
  let comment = '';
  let busy = false;
  let gone = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const all = (s: string) => [...root.querySelectorAll<HTMLElement>(s)];
  // Focus moves within the widget only when it is already there (or in the modal): never steal it.
  const inside = () => modal || !!root.activeElement;
  const update = () => !gone && render(view(), root);

  // Runs an awaited step once at a time, then shows step `next`; a failed callback leaves the view
  // where it was (with no score chosen, when the score was not stored).
  const act = async (work: () => Promise<unknown>, next: number) => {
    if (busy || gone) return;
    busy = true;
    update();
    try {
      await work();
      const had = inside();
      step = next;
      update();
      if (had) root.querySelector<HTMLElement>(next > 1 ? '.d' : 'textarea')?.focus();
      if (next > 1) timer = setTimeout(end, o.thanks?.closeAfterMs ?? 3000);
    } catch {
      if (!step) score = undefined;
    }
    busy = false;
    update();
  };

  const choose = (n: number) => {
    // Radios and digits only reach here on the scale (step 0).
    if (busy) return;
    score = focus = n;
    act(() => props.onScore(n), 1);
  };

  const keys = (e: KeyboardEvent) => {
    const k = e.key;
    if (k == 'Escape') return dismiss();
    if (k == 'Tab' && modal) {
      // The modal traps focus: from the last stop (the first, with Shift) Tab wraps around.
      const f = all('[tabindex="0"],textarea,.v,.x');
      if (e.shiftKey) f.reverse();
      const at = root.activeElement as HTMLElement;
      if (at == f[f.length - 1] || !f.includes(at)) (e.preventDefault(), f[0]!.focus());
      return;
    }
    if (step || busy) return;
    if (/^\d$/.test(k)) choose(+k);
  };
  // On the radiogroup, so arrows pressed on Close (or anywhere else) do nothing.
  const arrows = (e: KeyboardEvent) => {
    const k = e.key;
    const d = STEP[k];
    if (d && !busy) {
      e.preventDefault();
      const n = focus + (dir == 'rtl' && /^Arrow[LR]/.test(k) ? -d : d);
      focus = d * d > 1 ? (d > 0 ? 10 : 0) : (n + 11) % 11;
      update();
      all('[role=radio]')[focus]!.focus();
    }
  };

  const close = () => {
    if (gone) return;
    const had = inside();
    clearTimeout(timer);
    vv?.removeEventListener('resize', lift);
    // No render(null): the detached shadow root is dropped with the host, and `gone` stops updates.
    gone = true;
    host.remove();
    if (had) back?.focus?.();
  };
  const end = () => {
    if (gone) return;
    close();
    props.onClosed();
  };
  const dismiss = () => {
    if (gone) return;
    busy = true;
    clearTimeout(timer);
    // Gone either way: a failed store must not keep the prompt up.
    props.onDismiss().then(end, end);
  };

  const view = (left = max - comment.length) => (
    <div class={'w ' + pos} part="container" lang={locale} dir={dir}>
      {!sheet && <style nonce={props.nonce}>{text}</style>}
      <div class="d" part="dialog" role="dialog" aria-label={m.question} aria-modal={modal} tabIndex={-1} onKeyDown={keys}>
        {!step && [
          <p id="q" class="q" part="question">
            {m.question}
          </p>,
          <div class="s" part="scale" role="radiogroup" aria-labelledby="q" onKeyDown={arrows}>
            {[...Array(11).keys()].map((n) => (
              <button
                role="radio"
                part="score"
                aria-checked={n === score}
                aria-label={n % 10 ? undefined : `${n}, ${n ? m.high : m.low}`}
                tabIndex={n == focus ? 0 : -1}
                onClick={() => choose(n)}
              >
                {n}
              </button>
            ))}
          </div>,
          <div class="l" part="labels" aria-hidden>
            <span>{m.low}</span>
            <span>{m.high}</span>
          </div>,
        ]}
        {step == 1 && [
          <label for="c" class="q" part="question">
            {m[categoryOf(score!)]}
          </label>,
          <textarea
            id="c"
            part="textarea"
            maxLength={max}
            placeholder={m.placeholder}
            aria-describedby="n"
            value={comment}
            onInput={(e) => ((comment = e.currentTarget.value), update())}
          />,
          <div class="a">
            <span id="n" class="n" part="counter">
              {left <= Math.max(20, max / 10) ? m.left.replace('{n}', '' + left) : ''}
            </span>
            <button class="v" part="send" onClick={() => act(() => props.onComment(comment), 2)}>
              {m.send}
            </button>
          </div>,
        ]}
        <p class="t" part="thanks" role="status">
          {step > 1 ? m.thanks : ''}
        </p>
        <button class="x" part="close" aria-label={m.close} onClick={dismiss}>
          ×
        </button>
      </div>
    </div>
  );

  (box || document.body).append(host);
  vv?.addEventListener('resize', lift);
  update();
  if (modal) root.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  return { close, live: () => host.isConnected };
};

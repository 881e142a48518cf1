import type { Theme } from '../core/options';

// One sheet for every position. `:host` is reset with `all: initial !important` because the host
// element lives in the page's DOM: `!important` rules of a shadow context beat the page's own, so
// `* { all: unset }` or `div { position: static !important }` cannot reach the layout, which stays
// inside the shadow root. Sizes are px, never rem, so the page's root font size cannot scale them.
const BASE =
  ':host{all:initial!important;display:block!important}' +
  '.w{--z:2147483000;--a:#4f46e5;--o:#fff;--b:#fff;--t:#111827;--r:12px;--f:system-ui,sans-serif;position:fixed;z-index:var(--z);bottom:16px;right:16px;font:14px/1.4 var(--f);color:var(--t)}' +
  '*{box-sizing:border-box;font:inherit;color:inherit;margin:0}' +
  '.bottom-left{right:auto;left:16px}.bottom{right:auto;left:50%;translate:-50%}' +
  '.center{inset:0;display:grid;place-items:center;background:#0009}.i{position:static}' +
  '.d{position:relative;width:min(380px,100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:16px;background:var(--b);border-radius:var(--r);box-shadow:0 8px 32px #0005;animation:i .2s}' +
  '.i .d{width:auto;box-shadow:none;border:1px solid #888}' +
  '@keyframes i{from{opacity:0;translate:0 8px}}' +
  '.q,.t,textarea{display:block;font-size:16px}.q,.t{font-weight:600;padding-inline-end:32px}.q{margin-bottom:12px}' +
  '.s{display:grid;grid:auto/repeat(11,1fr);gap:3px}' +
  'button{cursor:pointer;min-height:36px;padding:0}button,textarea{border-radius:8px;border:1px solid #888;background:none}.x,.v{border:0}' +
  '.s button:hover{border-color:var(--a)}' +
  '[aria-checked=true],.v{background:var(--a);color:var(--o);font-weight:600}' +
  '.l,.a{display:flex;justify-content:space-between}.l{gap:8px;margin-top:6px;opacity:.8}.l,.n{font-size:12px}' +
  '.x{position:absolute;top:8px;inset-inline-end:8px;width:32px;font-size:22px}' +
  'textarea{width:100%;min-height:84px;resize:vertical;padding:8px}' +
  '.a{align-items:center;gap:12px;margin-top:12px}.v{padding:0 20px;min-width:80px}' +
  ':focus-visible{outline:2px solid var(--a);outline-offset:2px}.d:focus{outline:0}' +
  // Under 480 px: a full-width bottom sheet above the home indicator and the on-screen keyboard (--k), the scale in two rows of 40+ px targets.
  '@media(max-width:479px){.w:not(.i){left:0;right:0;bottom:var(--k,0);translate:0}.center{place-items:end stretch}' +
  '.w:not(.i) .d{width:100%;border-radius:var(--r) var(--r) 0 0;padding-bottom:calc(16px + env(safe-area-inset-bottom))}' +
  '.s{grid:auto/repeat(6,1fr);gap:6px}button{min-height:44px}.x{width:44px;top:4px}}' +
  '@media(prefers-reduced-motion:reduce){.d{animation:none}}';

// A lighter accent on dark backgrounds keeps the focus ring and the selected score visible.
const DARK = '.w{--b:#1f2937;--t:#f9fafb;--a:#a5b4fc;--o:#111827;color-scheme:dark}';

// Theme values are written into the sheet, so anything that could end the declaration or the rule
// (`;` `{` `}` `\` quotes `<` `:` `!`…) is dropped: a value can only ever be one property value.
const clean = (v: unknown) => String(v).replace(/[^\w\s#%.,()+*/-]/g, '');

/**
 * The stylesheet text for one prompt: the theme's values, base rules and dark mode (auto or forced).
 * The theme rule comes first, so the mount finds it at `cssRules[0]` to set `--k`; its doubled class
 * outranks the defaults and dark mode that follow.
 */
export function css(theme: Theme = {}): string {
  const { mode = 'auto' } = theme;
  let vars = '';
  // Each custom property is named by its option's initial: --a accent, --b background, --z zIndex…
  for (const k of ['accent', 'background', 'text', 'radius', 'font', 'zIndex'] as const) {
    const v = theme[k];
    if (v || v === 0) vars += `--${k[0]}:${clean(v)};${k == 'accent' ? '--o:#fff;' : ''}`;
  }
  const dark = mode == 'dark' ? DARK : mode == 'auto' ? `@media(prefers-color-scheme:dark){${DARK}}` : '';
  return `.w.w{${vars}}${BASE}${dark}`;
}

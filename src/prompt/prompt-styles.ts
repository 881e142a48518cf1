import type { Theme } from '../core/stage-options';

/**
 * The public custom properties, by theme option. The `theme` option writes them on `:host`; CSS on
 * the `nps-widget` element in the page wins over that (outer rules beat `:host`), and both win
 * over the built-in light and dark defaults below.
 */
const THEME_PROPERTIES = {
  accent: '--nps-accent',
  background: '--nps-background',
  text: '--nps-text',
  radius: '--nps-radius',
  font: '--nps-font',
  zIndex: '--nps-z-index',
} as const;

// `:host` is reset with `all: initial !important` because the host element lives in the page's DOM:
// `!important` rules of a shadow context beat the page's own, so `* { all: unset }` or
// `div { position: static !important }` cannot reach the layout. `all` leaves custom properties
// alone, so `--nps-*` set on the host still inherit. Sizes are px, never rem: the page's root font
// size cannot scale them. The internal properties (--accent, --background…) resolve the public ones
// against the defaults; dark mode only swaps the defaults.
const BASE = `
:host{all:initial!important;display:block!important}
.widget{--accent:var(--nps-accent,#4f46e5);--accent-text:var(--nps-accent-text,#fff);--background:var(--nps-background,#fff);--text:var(--nps-text,#111827);
position:fixed;z-index:var(--nps-z-index,2147483000);bottom:16px;right:16px;font:14px/1.4 var(--nps-font,system-ui,sans-serif);color:var(--text)}
*{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.bottom-left{right:auto;left:16px}
.bottom{right:auto;left:50%;translate:-50%}
.center{inset:0;display:grid;place-items:center;background:#0009}
.inline{position:static}
.dialog{position:relative;width:min(380px,100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:16px;background:var(--background);border-radius:var(--nps-radius,12px);box-shadow:0 8px 32px #0005;animation:enter .2s}
.inline .dialog{width:auto;box-shadow:none;border:1px solid #888}
@keyframes enter{from{opacity:0;translate:0 8px}}
.question,.thanks,.comment{display:block;font-size:16px}
.question,.thanks{font-weight:600;padding-inline-end:32px}
.question{margin-bottom:12px}
.scale{display:grid;grid:auto/repeat(11,1fr);gap:3px}
button{cursor:pointer;min-height:36px;padding:0}
button,.comment{border-radius:8px;border:1px solid #888;background:none}
.close,.send{border:0}
.scale button:hover{border-color:var(--accent)}
[aria-checked=true],.send{background:var(--accent);color:var(--accent-text);font-weight:600}
.labels,.actions{display:flex;justify-content:space-between}
.labels{gap:8px;margin-top:6px;opacity:.8}
.labels,.counter{font-size:12px}
.close{position:absolute;top:8px;inset-inline-end:8px;width:32px;font-size:22px}
.comment{width:100%;min-height:84px;resize:vertical;padding:8px}
.actions{align-items:center;gap:12px;margin-top:12px}
.send{padding:0 20px;min-width:80px}
.thanks-link{display:inline-block;margin-top:8px;color:var(--accent);font-weight:600}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.dialog:focus{outline:0}
@media(max-width:479px){
.widget:not(.inline){left:0;right:0;bottom:var(--keyboard-inset,0);translate:0}
.center{place-items:end stretch}
.widget:not(.inline) .dialog{width:100%;border-radius:var(--nps-radius,12px) var(--nps-radius,12px) 0 0;padding-bottom:calc(16px + env(safe-area-inset-bottom))}
.scale,.labels{display:grid;grid:auto/repeat(6,1fr);gap:6px}
.labels>:first-child{grid-column:1/4}
.labels>:last-child{grid-column:4/6;text-align:end}
button{min-height:44px}
.close{width:44px;top:4px}
}
@media(prefers-reduced-motion:reduce){.dialog{animation:none}}`.replace(/\n/g, '');

// A lighter accent on dark backgrounds keeps the focus ring and the selected score visible.
const DARK =
  '.widget{--accent:var(--nps-accent,#a5b4fc);--accent-text:var(--nps-accent-text,#111827);--background:var(--nps-background,#1f2937);--text:var(--nps-text,#f9fafb);color-scheme:dark}';

// Theme values are written into the sheet, so anything that could end the declaration or the rule
// (`;` `{` `}` `\` quotes `<` `:` `!`…) is dropped: a value can only ever be one property value.
// `/` and `*` stay for `rgb(0 0 0 / 50%)` and calc(), but a space splits them where they meet:
// an unclosed `/*` would swallow every later rule.
const clean = (value: unknown) =>
  String(value)
    .replace(/[^\w\s#%.,()+*/-]/g, '')
    .replace(/[/*](?=[/*])/g, '$& ');

/**
 * The stylesheet for one prompt. Its first rule is `:host{…}` with the theme's values: the mount
 * also sets `--keyboard-inset` there. Dark defaults apply with `mode: 'dark'`, and with `'auto'`
 * (the default) only when `pageAllowsDark` (the page declares dark support) and the user prefers dark.
 */
export function promptCss(theme: Theme = {}, pageAllowsDark = false): string {
  const { mode = 'auto' } = theme;
  let values = '';
  for (const [option, property] of Object.entries(THEME_PROPERTIES)) {
    const value = theme[option as keyof typeof THEME_PROPERTIES];
    if (value || value === 0) values += `${property}:${clean(value)};`;
  }
  // A custom accent comes with white text on it, unless the page says otherwise on the host.
  if (theme.accent) values += '--nps-accent-text:#fff;';
  const dark =
    mode === 'dark' ? DARK : mode === 'auto' && pageAllowsDark ? `@media(prefers-color-scheme:dark){${DARK}}` : '';
  return `:host{${values}}${BASE}${dark}`;
}

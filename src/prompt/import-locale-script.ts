import type { Messages } from '../core/options';

// Read while nps.js runs for the first time: `currentScript` is null once the script has returned.
const src = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

/**
 * Script-tag build (selected in rollup.config.mjs): loads `locales/<code>.js` from beside `nps.js`,
 * as an ES module through `import()`, which classic scripts may call. Needs `script-src` to allow
 * the origin of nps.js (and CORS when that origin is not the page's).
 */
export const importLocale = (code: string): Promise<{ default: Partial<Messages> }> =>
  import(new URL(`locales/${code}.js`, src).href);

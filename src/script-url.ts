// Read while nps.js runs for the first time: `currentScript` is null once the script has returned.
const src = (document.currentScript as HTMLScriptElement | null)?.src || location.href;

/**
 * The URL of a file beside `nps.js` (script-tag build), e.g. `prompt.js` or `locales/de.js`.
 * Loading it with `import()` needs `script-src` to allow the origin of nps.js (and CORS when that
 * origin is not the page's).
 */
export const besideScript = (file: string): string => new URL(file, src).href;

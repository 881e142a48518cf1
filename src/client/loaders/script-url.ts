// Read while nps.js runs for the first time: `currentScript` is null once the script has returned.
const src = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
const failures = new Map<string, number>();

/**
 * Script-tag build: imports an ES module that sits beside `nps.js` (`prompt.js`, `survey.js`,
 * `locales/de.js`). Needs `script-src` to allow the origin of nps.js (and CORS when that origin is
 * not the page's). Browsers may remember a failed module fetch for the page's lifetime, so a retry
 * after a failure asks for a fresh URL.
 */
export function importBesideScript<T>(file: string): Promise<T> {
  const failed = failures.get(file) ?? 0;
  return import(new URL(failed ? `${file}?retry=${failed}` : file, src).href).catch((e) => {
    failures.set(file, failed + 1);
    throw e;
  });
}

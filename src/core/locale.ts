/** Languages written right to left. */
const RTL = /^(ar|he|fa|ur)\b/i;

/** `rtl` for Arabic, Hebrew, Persian and Urdu, else `ltr`. */
export const dirOf = (locale: string): 'rtl' | 'ltr' => (RTL.test(locale) ? 'rtl' : 'ltr');

/**
 * The best available locale for a wanted BCP 47 tag: exact (case-insensitive), then the language
 * alone, then a regional variant of that language, then `fallback`. `zh-HK` prefers `zh-TW`.
 * @example pickLocale('fr-CA', ['en', 'fr']) // 'fr'
 */
export function pickLocale(wanted: string, available: readonly string[], fallback = 'en'): string {
  const want = wanted.toLowerCase().replace(/_/g, '-');
  // The first available locale whose lower-cased tag passes `test`.
  const find = (test: (code: string) => boolean) => available.find((code) => test(code.toLowerCase()));
  const lang = want.split('-')[0];
  return (
    find((code) => code === want) ??
    (/^zh-(hk|mo|hant)/.test(want) ? find((code) => code === 'zh-tw') : undefined) ??
    find((code) => code === lang) ??
    find((code) => code.split('-')[0] === lang) ??
    fallback
  );
}

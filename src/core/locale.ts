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
  const find = (f: (a: string) => boolean) => available.find((a) => f(a.toLowerCase()));
  const lang = want.split('-')[0];
  return (
    find((a) => a == want) ??
    (/^zh-(hk|mo|hant)/.test(want) ? find((a) => a == 'zh-tw') : undefined) ??
    find((a) => a == lang) ??
    find((a) => a.split('-')[0] == lang) ??
    fallback
  );
}

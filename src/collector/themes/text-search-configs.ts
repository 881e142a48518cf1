/**
 * The PostgreSQL text search configuration of each language, by the language subtag of a response's
 * locale (`de-AT` → `de` → `german`): the stemmer and stop words its comment is indexed with. Only
 * configurations that PostgreSQL 15 and PGlite both ship are named; any other language (Japanese,
 * Korean, Chinese, Hebrew, Polish, Czech, Ukrainian, Estonian…) gets `simple`: lower-cased words,
 * no stemming, no stop words.
 *
 * The theme migration writes this table into the SQL function `nps_text_search_config(locale)` that
 * the stored `comment_search` column is computed with: changing it takes a new migration that
 * replaces the function and recomputes the column, never an edit of this table alone.
 */
export const TEXT_SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/** The configuration of languages PostgreSQL has no stemmer for. */
export const SIMPLE_CONFIG = 'simple';

/**
 * The configuration a locale's comments are indexed with, as `nps_text_search_config()` computes it.
 * @example textSearchConfigOf('de-AT') // 'german'
 * @example textSearchConfigOf('ja') // 'simple'
 */
export function textSearchConfigOf(locale: string): string {
  const language = locale.replace(/_/g, '-').split('-')[0].toLowerCase();
  return Object.hasOwn(TEXT_SEARCH_CONFIGS, language) ? TEXT_SEARCH_CONFIGS[language] : SIMPLE_CONFIG;
}

/** Every configuration a comment can be indexed with, once each, `simple` last. */
export const INDEXED_CONFIGS: readonly string[] = [...new Set(Object.values(TEXT_SEARCH_CONFIGS)), SIMPLE_CONFIG];

/**
 * The locales shipped as modules (`locales/<code>.js`). English is one of them for custom
 * renderers; the built-in prompt carries English itself, so it never loads `en.js`.
 */
export const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'tr',
  'ru',
  'uk',
  'ja',
  'ko',
  'zh-CN',
  'zh-TW',
  'ar',
  'he',
  'hi',
  'id',
] as const;

export type LocaleCode = (typeof LOCALES)[number];

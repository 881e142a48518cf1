import type { Messages } from '../../core/messages';
import type { LocaleCode } from '../../core/locale-codes';

type LocaleModule = Promise<{ default: Partial<Messages> }>;

/**
 * ESM build: one `import()` with a literal path per locale, the only form every bundler (Rollup
 * without plugins included) follows, so each locale becomes its own chunk and only the one needed
 * loads. The build maps `./prompt/locales/<code>` to `./locales/<code>.js` beside `index.js`.
 * The script-tag build swaps this module for `import-locale-script.ts`.
 */
const MODULES: Record<LocaleCode, () => LocaleModule> = {
  en: () => import('../../prompt/locales/en'),
  de: () => import('../../prompt/locales/de'),
  fr: () => import('../../prompt/locales/fr'),
  es: () => import('../../prompt/locales/es'),
  it: () => import('../../prompt/locales/it'),
  pt: () => import('../../prompt/locales/pt'),
  nl: () => import('../../prompt/locales/nl'),
  sv: () => import('../../prompt/locales/sv'),
  da: () => import('../../prompt/locales/da'),
  nb: () => import('../../prompt/locales/nb'),
  fi: () => import('../../prompt/locales/fi'),
  pl: () => import('../../prompt/locales/pl'),
  cs: () => import('../../prompt/locales/cs'),
  tr: () => import('../../prompt/locales/tr'),
  ru: () => import('../../prompt/locales/ru'),
  uk: () => import('../../prompt/locales/uk'),
  ja: () => import('../../prompt/locales/ja'),
  ko: () => import('../../prompt/locales/ko'),
  'zh-CN': () => import('../../prompt/locales/zh-CN'),
  'zh-TW': () => import('../../prompt/locales/zh-TW'),
  ar: () => import('../../prompt/locales/ar'),
  he: () => import('../../prompt/locales/he'),
  hi: () => import('../../prompt/locales/hi'),
  id: () => import('../../prompt/locales/id'),
};

/** Loads one locale module; `code` is one of `LOCALES`. */
export const importLocale = (code: string): LocaleModule => MODULES[code as LocaleCode]();

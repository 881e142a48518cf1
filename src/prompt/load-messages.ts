import { NpsError } from '../core/errors';
import { pickLocale } from '../core/locale';
import { en } from './en';
import { importLocale } from './import-locale';
import type { LoadMessages } from './view';

/** Locales shipped as separate modules; English is built in. */
export const LOCALES = 'de fr es it pt nl sv da nb fi pl cs tr ru uk ja ko zh-CN zh-TW ar he hi id'.split(' ');

/**
 * A loader over `load` (one module per locale). Picks the best locale (`fr-CA → fr → en`; `no`/`nn`
 * → `nb`); a module that fails to load falls back to English with a `locale-failed` error, so the
 * prompt always shows. Keys missing from a module fall back to English one by one.
 */
export const createLoadMessages =
  (load = importLocale): LoadMessages =>
  async (wanted) => {
    const locale = pickLocale(wanted.replace(/^n[on]\b/i, 'nb'), LOCALES);
    try {
      return { locale, messages: locale == 'en' ? en : { ...en, ...(await load(locale)).default } };
    } catch (e) {
      return { locale: 'en', messages: en, error: new NpsError('locale-failed', `could not load locale ${locale}`, e) };
    }
  };

/** The default loader: English at once, other locales from `locales/<code>.js`. */
export const loadMessages = createLoadMessages();

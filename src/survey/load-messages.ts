import { pickLocale } from '../core/locale';
import type { Messages } from '../core/messages';
import type { Resolved } from '../core/stage-options';
import type { PromptMessages } from '../core/renderer';
import { LOCALES } from '../core/locale-codes';

/** Loads one locale module (`locales/<code>.js`). */
export type ImportLocale = (code: string) => Promise<{ default: Partial<Messages> }>;

/** The strings of the locale actually used; `failed` names the locale that could not be loaded. */
export interface LoadedMessages {
  locale: string;
  messages: Messages;
  failed?: { locale: string; cause: unknown };
}

/**
 * Picks the best locale for `wanted` (`fr-CA → fr → en`; `no`/`nn` → `nb`) and loads it over
 * `english`, so keys missing from a module fall back one by one. Never rejects: a module that
 * fails to load resolves as English with `failed` set (for a `locale-failed` error), so the prompt always shows.
 */
export async function loadMessages(
  wanted: string,
  english: Messages,
  importLocale: ImportLocale,
): Promise<LoadedMessages> {
  const locale = pickLocale(wanted.replace(/^n[on]\b/i, 'nb'), LOCALES);
  if (locale === 'en') return { locale, messages: english };
  try {
    return { locale, messages: { ...english, ...(await importLocale(locale)).default } };
  } catch (e) {
    return { locale: 'en', messages: english, failed: { locale, cause: e } };
  }
}

/**
 * Every string of one survey: the locale's, overridden by `messages`, `followUp` and
 * `thanks.message`, with `{product}` filled in (taken literally: `$&` in a name stays as it is).
 */
export function resolveMessages(base: Messages, options: Resolved, product: string | undefined): PromptMessages {
  const messages = { ...base, ...options.messages, ...options.followUp };
  messages.thanks = options.thanks?.message ?? messages.thanks;
  messages.question = messages.question.replace('{product}', () => product ?? messages.us);
  return messages;
}

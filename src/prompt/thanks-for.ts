import type { Survey } from '../core/renderer';
import { SITE_PATH } from '../core/site-path';
import type { Category } from '../core/wire';

/** How long the thank-you stays before the prompt closes itself, without and with a link. */
const THANKS_MS = 3000;
const THANKS_WITH_LINK_MS = 6000;

/** The thank-you a user sees after answering: the text, an optional link, and how long it stays. */
export interface ThanksContent {
  message: string;
  link?: { href: string; text: string };
  closeAfterMs: number;
}

// https, or a path on this origin (SITE_PATH says which paths are that).
const safeHref = (href: string) => /^https:\/\/\S/i.test(href) || SITE_PATH.test(href);

/**
 * The thank-you for a category: `thanks[category].message` over the locale's text, and the
 * category's link when its `href` is https or a /path. Anything else (`javascript:`, `http:`,
 * `//host`) is left out even if option validation was skipped: a link must never run script.
 */
export function thanksFor(survey: Survey, category: Category | undefined): ThanksContent {
  const thanks = survey.options.thanks;
  const own = category ? thanks?.[category] : undefined;
  const link = own?.link && safeHref(own.link.href) && own.link.text ? own.link : undefined;
  return {
    message: own?.message ?? survey.messages.thanks,
    link,
    closeAfterMs: thanks?.closeAfterMs ?? (link ? THANKS_WITH_LINK_MS : THANKS_MS),
  };
}

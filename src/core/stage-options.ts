import type { Messages } from './messages';

/** Look of the prompt, applied through CSS custom properties inside the shadow root. */
export interface Theme {
  /** Selected score, buttons and focus ring. @default '#4f46e5' */
  accent?: string;
  /** @default '#ffffff' (light) / '#1f2937' (dark) */
  background?: string;
  /** @default '#111827' (light) / '#f9fafb' (dark) */
  text?: string;
  /** Corner radius, any CSS length. @default '12px' */
  radius?: string;
  /** CSS font-family. @default 'system-ui, sans-serif' */
  font?: string;
  /** @default 'auto' (follows prefers-color-scheme) */
  mode?: 'light' | 'dark' | 'auto';
  /** @default 2147483000 */
  zIndex?: number;
}

/** Where the prompt appears. `center` is a modal dialog; `inline` renders into your element. */
export type Position = 'bottom-right' | 'bottom-left' | 'bottom' | 'center' | { inline: HTMLElement | string };

/** Follow-up question text per category; overrides the locale's default. */
export interface FollowUp {
  detractor?: string;
  passive?: string;
  promoter?: string;
}

/** A link on the thank-you step, e.g. to a review site for promoters or a help page for detractors. */
export interface ThanksLink {
  /** An https URL or a /path on this origin. */
  href: string;
  text: string;
}

/** The thank-you for one category: its own text and an optional link. */
export interface ThanksFor {
  /** Overrides the thank-you text for this category. */
  message?: string;
  link?: ThanksLink;
}

/**
 * The thank-you step.
 * @example thanks: { promoter: { message: 'Thank you!', link: { href: 'https://g.page/r/acme', text: 'Review us' } } }
 */
export interface Thanks {
  /** Overrides the locale's thank-you text. */
  message?: string;
  /** How long the thank-you stays before the prompt closes itself. @default 3000 (6000 with a link) */
  closeAfterMs?: number;
  detractor?: ThanksFor;
  passive?: ThanksFor;
  promoter?: ThanksFor;
}

/** Options that a stage may override for its own prompts. */
export interface StageOptions {
  /** Share of eligible users who see the prompt, 0..1; deterministic per user and stage. @default 1 */
  sampleRate?: number;
  /** Wait this long after `show()` before the prompt appears. @default 0 */
  delayMs?: number;
  /** Days after an answer before the same user is asked again, at any stage. @default 90 */
  resurveyDays?: number;
  /** Days after a dismissal before the same user is asked again, at any stage. @default 30 */
  dismissCooldownDays?: number;
  /** Ask only users whose `signedUpAt` trait is at least this many days old. @default 0 */
  minDaysSinceSignup?: number;
  /** @default 2000 */
  commentMaxLength?: number;
  /** @default 'bottom-right' */
  position?: Position;
  theme?: Theme;
  followUp?: FollowUp;
  thanks?: Thanks;
  /** Override any string of the current locale. */
  messages?: Partial<Messages>;
}

/** Stage-level options with every default filled in. */
export type Resolved = Required<Omit<StageOptions, 'messages' | 'theme' | 'followUp' | 'thanks'>> &
  Pick<StageOptions, 'messages' | 'theme' | 'followUp' | 'thanks'>;

/** The defaults, in one place. */
export const DEFAULTS: Resolved = {
  sampleRate: 1,
  delayMs: 0,
  resurveyDays: 90,
  dismissCooldownDays: 30,
  minDaysSinceSignup: 0,
  commentMaxLength: 2000,
  position: 'bottom-right',
};

/** The stage options that are objects, merged key by key; the ones without a default in `Resolved`. */
const NESTED_OPTIONS = /^(messages|theme|followUp|thanks)$/;

/**
 * Copies `from` onto `to`, skipping undefined values at every level (so `{ send: undefined }` keeps the
 * default) and merging the nested option objects by key.
 */
const merge = (to: Record<string, unknown>, from: object): Record<string, unknown> => {
  // typeof: `messages.thanks` is a string that shares its name with the `thanks` option.
  for (const [key, value] of Object.entries(from))
    if (value !== undefined)
      to[key] =
        typeof value === 'object' && NESTED_OPTIONS.test(key) ? merge({ ...(to[key] as object) }, value) : value;
  return to;
};

/**
 * Only the stage options of `from`: the endpoint, headers (a write key), stages and render never reach
 * a renderer. Every stage option either has a default (`Resolved` makes DEFAULTS list it) or is one of
 * the nested objects.
 */
const stageOptionsOf = (from: StageOptions): StageOptions =>
  Object.fromEntries(Object.entries(from).filter(([key]) => Object.hasOwn(DEFAULTS, key) || NESTED_OPTIONS.test(key)));

/** Merges defaults, the top-level stage options and one stage's options (nothing else of either). */
export const resolveStage = (options: StageOptions, stage: StageOptions = {}): Resolved =>
  merge(merge({ ...DEFAULTS }, stageOptionsOf(options)), stageOptionsOf(stage)) as Resolved;

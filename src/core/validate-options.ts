import { fail } from './fail';
import { isJson, isStorableText } from './json';
import type { NpsOptions } from './options';
import { SITE_PATH } from './site-path';
import { type Check, isObject, type Spec, walk } from './option-spec';
import { validateTriggers } from './validate-trigger';

const is =
  (type: string): Check =>
  (value) =>
    typeof value === type || `a ${type}`;
const str = is('string');
const num =
  (min: number, max?: number, int?: boolean): Check =>
  (value) =>
    (typeof value === 'number' && value >= min && value <= (max ?? Infinity) && (!int || value % 1 === 0)) ||
    `a${int ? 'n integer' : ' number'} ${max == null ? `≥ ${min}` : `from ${min} to ${max}`}`;
const days = num(0);
// Browsers fire longer timers at once, so "never" (Infinity) must not pass as a delay.
const ms = num(0, 2 ** 31 - 1);
const oneOf =
  (values: string, more = ''): Check =>
  (value) =>
    values.split(' ').includes(value as string) || `one of "${values.replace(/ /g, '", "')}"${more}`;
const strings = (keys: string): Spec => Object.fromEntries(keys.split(' ').map((key) => [key, str]));

const LOCAL = /^(localhost|127(\.\d+){3}|\[::1\])$/;
const ENDPOINT = 'an https URL (http on localhost) or a /path';
const endpoint: Check = (value) => {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL.test(url.hostname))) return true;
    } catch {
      if (SITE_PATH.test(value)) return true;
    }
  }
  return ENDPOINT;
};

/** An https URL, or a path on this origin ("/help", not "//host"): safe as a link in the prompt. */
const isHttpsOrPath = (href: unknown) => {
  if (typeof href !== 'string') return false;
  if (SITE_PATH.test(href)) return true;
  try {
    return new URL(href).protocol === 'https:';
  } catch {
    return false;
  }
};
const thanksLink: Check = (link) =>
  (isObject(link) &&
    isHttpsOrPath(link.href) &&
    typeof link.text === 'string' &&
    !!link.text.trim() &&
    Object.keys(link).length === 2) ||
  'an object { href: an https URL or a /path, text: a non-empty string }';
const THANKS_FOR: Spec = { message: str, link: thanksLink };

/** The strings `messages` may override (the keys of `Messages`). */
export const MESSAGE_KEYS = 'question low high detractor passive promoter placeholder send close thanks left us'.split(
  ' ',
);

/** What a stage may set; also valid at the top level. `messages` keys are filled in by `validateOptions`. */
const STAGE: Spec = {
  sampleRate: num(0, 1),
  delayMs: ms,
  resurveyDays: days,
  dismissCooldownDays: days,
  minDaysSinceSignup: days,
  commentMaxLength: num(1, 1e5, true),
  position: (position) =>
    (isObject(position) && !!position.inline && /^[so]/.test(typeof position.inline)) ||
    oneOf('bottom-right bottom-left bottom center', ' or { inline: element or selector }')(position),
  theme: {
    ...strings('accent background text radius font'),
    mode: oneOf('light dark auto'),
    zIndex: (value) => Number.isInteger(value) || 'an integer',
  },
  followUp: strings('detractor passive promoter'),
  thanks: { message: str, closeAfterMs: ms, detractor: THANKS_FOR, passive: THANKS_FOR, promoter: THANKS_FOR },
  // Triggers are validated by core/validate-trigger.ts.
  on: () => true,
};

const TOP: Spec = {
  ...STAGE,
  endpoint,
  product: str,
  locale: str,
  nonce: str,
  debug: is('boolean'),
  render: is('function'),
  consent: oneOf('granted pending'),
  stages: () => true,
  headers: (headers) =>
    (isObject(headers) && Object.values(headers).every((header) => typeof header === 'string')) ||
    'an object of strings',
};

/**
 * Throws a `TypeError` that names the first bad option and its value; unknown options are errors too,
 * so a typo never passes silently. `messageKeys` are the strings `messages` may override.
 * @example validateOptions({ endpoint: 'ftp://x' }, ['send']) // TypeError: nps: options.endpoint must be an https URL …, got "ftp://x"
 */
export function validateOptions(
  options: unknown,
  messageKeys: readonly string[] = MESSAGE_KEYS,
): asserts options is NpsOptions {
  const stage = { ...STAGE, messages: strings(messageKeys.join(' ')) };
  const { on: _perStageOnly, ...top } = TOP;
  walk(options, { ...top, messages: stage.messages }, 'options');
  const { endpoint: url, stages } = options;
  if (url == null) fail('options.endpoint', ENDPOINT, url);
  if (stages !== undefined) {
    if (!isObject(stages)) fail('options.stages', 'an object of stage options', stages);
    for (const name in stages) {
      assertStage(name, `options.stages["${name}"]`);
      const config: unknown = stages[name];
      walk(config, stage, `options.stages.${name}`);
      validateTriggers(config.on, `options.stages.${name}.on`);
    }
  }
}

/** Throws a `TypeError` unless `value` is JSON (traits, metadata) or undefined. */
export function assertJson(value: unknown, path: string): void {
  if (value !== undefined && !isJson(value)) fail(path, 'JSON (with no NUL or unpaired surrogate in its text)', value);
}

/** Throws a `TypeError` unless `value` is storable text of 1 to `max` characters: the wire format's limits. */
function assertText(value: unknown, path: string, max: number): asserts value is string {
  if (typeof value !== 'string' || !value || value.length > max || !isStorableText(value))
    fail(path, `a non-empty string (≤ ${max} characters, no NUL or unpaired surrogate)`, value);
}

/** Throws a `TypeError` unless `value` can be a user id on the wire (1 to 256 characters). */
export function assertId(value: unknown, path: string): asserts value is string {
  assertText(value, path, 256);
}

/** Throws a `TypeError` unless `value` can be a stage name on the wire (1 to 200 characters). */
export function assertStage(value: unknown, path: string): asserts value is string {
  assertText(value, path, 200);
}

import { fail } from './fail';
import { isJson, isStorableText } from './json';
import type { NpsOptions } from './options';
import { SITE_PATH } from './site-path';
import { type Check, isObject, type Spec, walk } from './option-spec';
import { validateTriggers } from './validate-trigger';

const is =
  (type: string): Check =>
  (v) =>
    typeof v == type || 'a ' + type;
const str = is('string');
const num =
  (min: number, max?: number, int?: boolean): Check =>
  (v) =>
    (typeof v == 'number' && v >= min && v <= (max ?? Infinity) && (!int || v % 1 == 0)) ||
    `a${int ? 'n integer' : ' number'} ${max == null ? '≥ ' + min : `from ${min} to ${max}`}`;
const days = num(0);
// Browsers fire longer timers at once, so "never" (Infinity) must not pass as a delay.
const ms = num(0, 2 ** 31 - 1);
const oneOf =
  (values: string, more = ''): Check =>
  (v) =>
    values.split(' ').includes(v as string) || 'one of "' + values.replace(/ /g, '", "') + '"' + more;
const strings = (keys: string): Spec => Object.fromEntries(keys.split(' ').map((k) => [k, str]));

const LOCAL = /^(localhost|127(\.\d+){3}|\[::1\])$/;
const ENDPOINT = 'an https URL (http on localhost) or a /path';
const endpoint: Check = (v) => {
  if (typeof v == 'string') {
    try {
      const u = new URL(v);
      if (u.protocol == 'https:' || (u.protocol == 'http:' && LOCAL.test(u.hostname))) return true;
    } catch {
      if (SITE_PATH.test(v)) return true;
    }
  }
  return ENDPOINT;
};

/** An https URL, or a path on this origin ("/help", not "//host"): safe as a link in the prompt. */
const isHttpsOrPath = (v: unknown) => {
  if (typeof v != 'string') return false;
  if (SITE_PATH.test(v)) return true;
  try {
    return new URL(v).protocol == 'https:';
  } catch {
    return false;
  }
};
const thanksLink: Check = (v) =>
  (isObject(v) &&
    isHttpsOrPath(v.href) &&
    typeof v.text == 'string' &&
    !!v.text.trim() &&
    Object.keys(v).length == 2) ||
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
  position: (v) =>
    (isObject(v) && !!v.inline && /^[so]/.test(typeof v.inline)) ||
    oneOf('bottom-right bottom-left bottom center', ' or { inline: element or selector }')(v),
  theme: {
    ...strings('accent background text radius font'),
    mode: oneOf('light dark auto'),
    zIndex: (v) => Number.isInteger(v) || 'an integer',
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
  headers: (v) => (isObject(v) && Object.values(v).every((h) => typeof h == 'string')) || 'an object of strings',
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
  const { endpoint: e, stages } = options as NpsOptions;
  if (e == null) fail('options.endpoint', ENDPOINT, e);
  if (stages !== undefined) {
    if (!isObject(stages)) fail('options.stages', 'an object of stage options', stages);
    for (const name in stages) {
      assertStage(name, `options.stages["${name}"]`);
      walk(stages[name], stage, `options.stages.${name}`);
      validateTriggers(stages[name]!.on, `options.stages.${name}.on`);
    }
  }
}

/** Throws a `TypeError` unless `value` is JSON (traits, metadata) or undefined. */
export function assertJson(value: unknown, path: string): void {
  if (value !== undefined && !isJson(value)) fail(path, 'JSON (with no NUL or unpaired surrogate in its text)', value);
}

/** Throws a `TypeError` unless `value` is storable text of 1 to `max` characters: the wire format's limits. */
function assertText(value: unknown, path: string, max: number): asserts value is string {
  if (typeof value != 'string' || !value || value.length > max || !isStorableText(value))
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

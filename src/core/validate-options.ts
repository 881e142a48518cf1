import { isJson } from './json';
import type { NpsOptions } from './options';

/** Returns what a value should have been, or nothing when it is fine. */
type Check = (value: unknown) => string | void;

const is = (type: string): Check => (v) => (typeof v == type ? undefined : 'a ' + type);
const str = is('string');
const bool = is('boolean');
const num = (min: number, max?: number, int?: boolean): Check => (v) =>
  typeof v == 'number' && v >= min && v <= (max ?? Infinity) && (!int || Number.isInteger(v))
    ? undefined
    : `a${int ? 'n integer' : ' number'} ${max == null ? '≥ ' + min : `from ${min} to ${max}`}`;
const days = num(0);
const oneOf = (...values: unknown[]): Check => (v) =>
  values.includes(v) ? undefined : 'one of ' + values.map((x) => JSON.stringify(x)).join(', ');
const isObject = (v: unknown): v is object => !!v && typeof v == 'object' && !Array.isArray(v);

const LOCAL = /^(localhost|127(\.\d+){3}|\[::1\])$/;
const endpoint: Check = (v) => {
  const bad = 'an https URL (http only on localhost) or a path like "/api/nps"';
  if (typeof v != 'string') return bad;
  if (/^\/(?!\/)/.test(v)) return;
  try {
    const u = new URL(v);
    if (u.protocol == 'https:' || (u.protocol == 'http:' && LOCAL.test(u.hostname))) return;
  } catch {}
  return bad;
};
const position: Check = (v) =>
  oneOf('bottom-right', 'bottom-left', 'bottom', 'center')(v) == null ||
  (v && typeof v == 'object' && ['string', 'object'].includes(typeof (v as { inline: unknown }).inline) &&
    (v as { inline: unknown }).inline)
    ? undefined
    : '"bottom-right", "bottom-left", "bottom", "center" or { inline: element or selector }';

const MESSAGE_KEYS = 'question low high detractor passive promoter placeholder send close thanks left us';
const strings = (keys: string): Record<string, Check> =>
  Object.fromEntries(keys.split(' ').map((k) => [k, str]));

const STAGE: Record<string, Check | Record<string, Check>> = {
  sampleRate: num(0, 1),
  delayMs: days,
  resurveyDays: days,
  dismissCooldownDays: days,
  minDaysSinceSignup: days,
  commentMaxLength: num(1, 1e5, true),
  position,
  theme: {
    ...strings('accent background text radius font'),
    mode: oneOf('light', 'dark', 'auto'),
    zIndex: num(-2147483647, 2147483647, true),
  },
  followUp: strings('detractor passive promoter'),
  thanks: { message: str, closeAfterMs: days },
  messages: strings(MESSAGE_KEYS),
};

const TOP: Record<string, Check | Record<string, Check>> = {
  ...STAGE,
  endpoint,
  product: str,
  locale: str,
  nonce: str,
  debug: bool,
  stages: () => undefined,
  headers: (v) =>
    isObject(v) && Object.values(v).every((h) => typeof h == 'string')
      ? undefined
      : 'an object of string header values',
};

function walk(value: unknown, spec: Record<string, Check | Record<string, Check>>, path: string) {
  if (!isObject(value)) fail(path, 'an object', value);
  for (const [key, v] of Object.entries(value as object)) {
    const check = spec[key];
    if (!check) throw new TypeError(`nps: ${path}.${key} is not an option`);
    if (v === undefined) continue;
    if (typeof check == 'object') walk(v, check, `${path}.${key}`);
    else {
      const expected = check(v);
      if (expected) fail(`${path}.${key}`, expected, v);
    }
  }
}

function fail(path: string, expected: string, value: unknown): never {
  let shown: string;
  try {
    shown = typeof value == 'function' ? 'a function' : JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  throw new TypeError(`nps: ${path} must be ${expected}, got ${shown}`);
}

/**
 * Throws a `TypeError` that names the first bad option and its value.
 * @example validateOptions({ endpoint: 'ftp://x' }) // TypeError: nps: options.endpoint must be an https URL …, got "ftp://x"
 */
export function validateOptions(options: unknown): asserts options is NpsOptions {
  walk(options, TOP, 'options');
  const { endpoint: e, stages } = options as NpsOptions;
  if (e == null) fail('options.endpoint', 'an https URL (http only on localhost) or a path like "/api/nps"', e);
  if (stages !== undefined) {
    if (!isObject(stages)) fail('options.stages', 'an object of stage options', stages);
    for (const [name, stage] of Object.entries(stages)) walk(stage ?? {}, STAGE, `options.stages.${name}`);
  }
}

/** Throws a `TypeError` unless `value` is JSON (traits, metadata). */
export function assertJson(value: unknown, path: string): void {
  if (value !== undefined && !isJson(value)) fail(path, 'JSON (plain objects, arrays, strings, finite numbers, booleans, null)', value);
}

/** Throws a `TypeError` unless `value` is a non-empty string (user ids). */
export function assertId(value: unknown, path: string): asserts value is string {
  if (typeof value != 'string' || !value || value.length > 256) fail(path, 'a non-empty string of at most 256 characters', value);
}

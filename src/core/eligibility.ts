/** Why `show()` did not show the prompt. */
export type SkipReason =
  | 'throttled'
  | 'sampled-out'
  | 'too-early'
  | 'already-visible'
  | 'unknown-stage'
  | 'disabled'
  /** The prompt module (or, with a custom renderer, the English strings) could not be loaded. */
  | 'unavailable'
  /** `consent: 'pending'`: nothing may be stored or sent yet. */
  | 'no-consent'
  /** `dismiss()` came while the prompt waited for its `delayMs` or loaded: nothing was shown or stored. */
  | 'cancelled';

/** What the widget remembers of one user (or anonymous visitor), shared by every tab. */
export interface UserState {
  /** Epoch ms of the user's last answer, at any stage. */
  answeredAt?: number;
  /** Epoch ms of the user's last dismissal, at any stage. */
  dismissedAt?: number;
}

/**
 * Everything one eligibility decision depends on; no clocks or storage inside. `disabled`, `visible`,
 * `stageKnown` and `sampleKey` are shortened in nps.js (MANGLED in rollup.config.mjs).
 */
export interface EligibilityInput {
  now: number;
  /** The client was destroyed, or there is no DOM to render into. */
  disabled?: boolean;
  visible: boolean;
  stageKnown: boolean;
  /** Skip the user-level rules (throttle, signup age, sampling), for previews and tests. */
  force?: boolean;
  state: UserState;
  resurveyDays: number;
  dismissCooldownDays: number;
  minDaysSinceSignup: number;
  /** The `signedUpAt` trait: ISO 8601 string or epoch ms. */
  signedUpAt?: unknown;
  sampleRate: number;
  /** User id (or anonymous id) and stage, hashed for deterministic sampling. */
  sampleKey: string;
}

const DAY = 864e5;

/**
 * FNV-1a over the UTF-16 code units, mapped to [0, 1). Deterministic, so a user who was sampled out
 * stays out however often `show()` is called, and spread well enough that the shown share tracks the rate.
 */
export function sampleValue(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x1000193);
  // FNV's low bits mix poorly for short keys: a final avalanche step (from murmur3) fixes that.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/** Within `resurveyDays` of the user's last answer or `dismissCooldownDays` of their last dismissal. */
export function isThrottled(
  input: Pick<EligibilityInput, 'now' | 'state' | 'resurveyDays' | 'dismissCooldownDays'>,
): boolean {
  const { answeredAt = -Infinity, dismissedAt = -Infinity } = input.state;
  return input.now - answeredAt < input.resurveyDays * DAY || input.now - dismissedAt < input.dismissCooldownDays * DAY;
}

/** Epoch ms of a `signedUpAt` trait, or NaN when it is missing or not a date. */
const signupTime = (signedUpAt: unknown) =>
  typeof signedUpAt === 'number' ? signedUpAt : typeof signedUpAt === 'string' ? Date.parse(signedUpAt) : NaN;

/**
 * Decides whether a prompt may be shown, checking in the documented order: already-visible,
 * unknown-stage, throttled, too-early, sampled-out. Returns the reason to skip, or nothing to show.
 * A user without a valid `signedUpAt` counts as too early when `minDaysSinceSignup` is set, because
 * the rule exists to protect new users and we cannot tell they are not new.
 * @example eligibility({ ...input, visible: true }) // 'already-visible'
 */
export function eligibility(input: EligibilityInput): SkipReason | undefined {
  if (input.disabled) return 'disabled';
  if (input.visible) return 'already-visible';
  if (!input.stageKnown) return 'unknown-stage';
  if (input.force) return;
  if (isThrottled(input)) return 'throttled';
  if (input.minDaysSinceSignup > 0 && !(input.now - signupTime(input.signedUpAt) >= input.minDaysSinceSignup * DAY)) {
    return 'too-early';
  }
  if (sampleValue(input.sampleKey) >= input.sampleRate) return 'sampled-out';
}

import type { Trigger, Triggers } from './trigger';
import { fail } from './validate-options';

const CONDITIONS = ['path', 'afterSeconds', 'click', 'event'];
const PATTERN = 'a path starting with / or *, a RegExp, or a non-empty list of them';

const isPattern = (value: unknown) => value instanceof RegExp || (typeof value == 'string' && /^[/*]/.test(value));

/** Whether `selector` parses, where there is a DOM to ask; without one any non-empty string passes. */
function isSelector(selector: unknown): boolean {
  if (typeof selector != 'string' || !selector.trim()) return false;
  try {
    if (typeof document != 'undefined') document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function validateTrigger(trigger: unknown, path: string, expected = 'a trigger object'): asserts trigger is Trigger {
  if (!trigger || typeof trigger != 'object' || Array.isArray(trigger) || trigger instanceof RegExp) fail(path, expected, trigger);
  const { path: pattern, afterSeconds, click, event, ...unknown } = trigger as Trigger;
  const [extra] = Object.keys(unknown);
  if (extra) throw new TypeError(`nps: ${path}.${extra} is not a trigger condition (${CONDITIONS.join(', ')})`);
  if (!CONDITIONS.some((key) => (trigger as Record<string, unknown>)[key] !== undefined))
    fail(path, `a trigger with at least one of ${CONDITIONS.join(', ')}`, trigger);
  if (pattern !== undefined && !(Array.isArray(pattern) ? pattern.length && pattern.every(isPattern) : isPattern(pattern)))
    fail(path + '.path', PATTERN, pattern);
  if (afterSeconds !== undefined && !(typeof afterSeconds == 'number' && afterSeconds > 0 && isFinite(afterSeconds)))
    fail(path + '.afterSeconds', 'a positive number', afterSeconds);
  if (click !== undefined && !isSelector(click)) fail(path + '.click', 'a valid CSS selector', click);
  if (event !== undefined && !(typeof event == 'string' && event)) fail(path + '.event', 'a non-empty string', event);
  // A click and an app event never happen at the same moment, so "both" could never fire.
  if (click !== undefined && event !== undefined)
    fail(path, 'a trigger with click or event, not both', trigger);
}

/**
 * Throws a `TypeError` naming the bad part of a stage's `on` (`path` is where it sits, for the
 * message) and its value; unknown conditions and empty triggers are errors too.
 * @example validateTriggers({ afterSeconds: -1 }, 'options.stages.checkout.on') // TypeError: nps: options.stages.checkout.on.afterSeconds must be a positive number …, got -1
 */
export function validateTriggers(value: unknown, path: string): asserts value is Triggers | undefined {
  if (value === undefined) return;
  if (!Array.isArray(value)) return validateTrigger(value, path, 'a trigger object or a list of them');
  if (!value.length) fail(path, 'a trigger or a non-empty list of triggers', value);
  value.forEach((trigger, index) => validateTrigger(trigger, `${path}[${index}]`));
}

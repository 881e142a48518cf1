import type { Trigger, Triggers } from './trigger';
import { fail } from './fail';
import { type Check, type Spec, walk } from './option-spec';

const isPattern = (value: unknown) => value instanceof RegExp || (typeof value === 'string' && value[0] === '/');

const SELECTOR = 'a valid CSS selector';

/** The selector must parse (an empty one does not), where there is a DOM to ask; without one any string passes. */
const isSelector: Check = (selector) => {
  if (typeof selector !== 'string') return SELECTOR;
  try {
    if (typeof document !== 'undefined') document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return SELECTOR;
  }
};

/** The conditions of a trigger: each is fine, or says what it should have been. */
const TRIGGER: Spec = {
  path: (value) =>
    (Array.isArray(value) ? value.length > 0 && value.every(isPattern) : isPattern(value)) ||
    'a path starting with /, a RegExp, or a list of them',
  // Infinity cannot come from JSON; from code it is a timer that never fires.
  afterSeconds: (value) => (typeof value === 'number' && value > 0) || 'a positive number',
  click: isSelector,
  event: (value) => (typeof value === 'string' && value !== '') || 'a non-empty string',
};

function validateTrigger(trigger: unknown, path: string): asserts trigger is Trigger {
  walk(trigger, TRIGGER, path);
  const { click, event } = trigger as Trigger;
  if (!Object.values(trigger as Trigger).some((value) => value !== undefined))
    fail(path, 'a trigger with at least one of path, afterSeconds, click, event', trigger);
  // A click and an app event never happen at the same moment, so "both" could never fire.
  if (click && event) fail(path, 'a trigger with click or event, not both', trigger);
}

/**
 * Throws a `TypeError` naming the bad part of a stage's `on` (`path` is where it sits, for the
 * message) and its value; unknown conditions and empty triggers are errors too.
 * @example validateTriggers({ afterSeconds: -1 }, 'options.stages.checkout.on') // TypeError: nps: options.stages.checkout.on.afterSeconds must be a positive number, got -1
 */
export function validateTriggers(value: unknown, path: string): asserts value is Triggers | undefined {
  if (value === undefined) return;
  if (!Array.isArray(value)) return validateTrigger(value, path);
  if (!value.length) fail(path, 'a trigger or a non-empty list of them', value);
  value.forEach((trigger, index) => {
    validateTrigger(trigger, `${path}[${index}]`);
  });
}

import type { NpsError as NpsErrorClass } from '../core/errors';
import type { startTimer as startTimerFunction, within as withinFunction } from '../outbox/timer';

/**
 * What nps.js hands the script-tag survey.js when it loads it, instead of survey.js carrying copies
 * of its own (a size trick, about 100 B gzip of survey.js): the NpsError class (so `instanceof
 * NpsError` also holds across the two files) and the timer functions. For dist/survey.js only,
 * rollup.config.mjs resolves imports of core/errors.ts and outbox/timer.ts to this module; the ESM
 * build shares those modules as chunks instead, and tests import them as they are.
 */
export type ReceiveFromSdk = (
  error: typeof NpsErrorClass,
  timer: typeof startTimerFunction,
  deadline: typeof withinFunction,
) => void;

// Set by receiveFromSdk before nps.js calls anything else survey.js exports (see importSurvey).
// Imported in place of core/errors.ts and outbox/timer.ts through the build (so knip sees no import).
/** @public core/errors.ts's NpsError, as nps.js hands it over. */
export let NpsError: typeof NpsErrorClass;
/** @public outbox/timer.ts's startTimer, as nps.js hands it over. */
export let startTimer: typeof startTimerFunction;
/** @public outbox/timer.ts's within, as nps.js hands it over. */
export let within: typeof withinFunction;

/** Takes what nps.js hands over (see import-survey-script.ts). */
export const receiveFromSdk: ReceiveFromSdk = (error, timer, deadline) => {
  NpsError = error;
  startTimer = timer;
  within = deadline;
};

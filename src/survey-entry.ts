/**
 * The part of the SDK that only a shown survey, or a queue to deliver, needs: a survey's records,
 * versions and strings, and the delivery machinery (the outbox's sync loop). It loads with the
 * prompt (or, for a custom renderer, with English), in parallel, at start-up when earlier pages left
 * records, or on `flush()`; never on the page views that show nothing and have nothing to send.
 * It also carries the move of records a past page had to leave in localStorage into IndexedDB
 * (`adoptLocal`), loaded only when localStorage holds widget keys (see adoptionFromRuntime).
 * Pure: every side effect comes in through `presentSurvey`'s and `createOutbox`'s options, so a
 * separately loaded copy shares no state with the SDK.
 */
export { dirOf } from './core/locale';
export { loadMessages, resolveMessages } from './survey/load-messages';
export { presentSurvey } from './survey/present-survey';
export { createOutbox } from './outbox/outbox';
export { adoptLocal } from './outbox/adopt-local';

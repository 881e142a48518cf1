/**
 * The part of the SDK that only a shown survey needs: its records and versions, and its strings.
 * It loads with the prompt (or, for a custom renderer, with English), in parallel, never on the
 * page views that show nothing. Pure: every side effect comes in through `openSurvey`'s context,
 * so a separately loaded copy shares no state with the SDK.
 */
export { dirOf } from './core/locale';
export { loadMessages, resolveMessages } from './load-messages';
export { openSurvey } from './survey';

import type { RandomBytes } from '../core/ids';
import type { TriggersModule } from './client-triggers';
import type { CreateOutbox } from './lazy-outbox';
import type { ImportLocale } from '../survey/load-messages';
import type { PromptModule, SurveyRuntime } from './load-prompt';
import type { ErasableKvStore } from '../outbox/kv-store';

/**
 * Side effects of the client, each with a browser default; tests pass typed fakes. Internal: the
 * script tag passes none, and nps.js shortens the names no other bundle reads (MANGLED in rollup.config.mjs).
 */
export interface ClientEnv {
  store: ErasableKvStore;
  fetch: typeof fetch;
  now: () => number;
  random: RandomBytes;
  /** Makes the outbox; by default the delivery machinery of the survey runtime, loaded when needed. */
  outbox: CreateOutbox;
  /** Loads the built-in prompt module. */
  importPrompt: () => Promise<PromptModule>;
  /** Loads the survey runtime (records and strings of a shown survey). */
  importSurvey: () => Promise<SurveyRuntime>;
  /** Loads one locale module. */
  importLocale: ImportLocale;
  /** Loads the trigger runtime (only when some stage has `on`). */
  importTriggers: () => Promise<TriggersModule>;
  /** Runs `task` when the browser is idle; returns a cancel function. */
  whenIdle: (task: () => void) => () => void;
}

/** `requestIdleCallback` where the browser has it (not Safari), else a short timer after load. */
export const whenBrowserIdle: ClientEnv['whenIdle'] = (task) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 10_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 1000);
  return () => clearTimeout(timer);
};

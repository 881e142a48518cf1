import type { Messages } from '../core/messages';
import type { Renderer } from '../core/renderer';

/** What the built-in prompt module (`prompt.js`) exports. */
export interface PromptModule {
  renderPrompt: Renderer;
  /** English, the base every other locale falls back to key by key. */
  en: Messages;
}

/** What `survey.js` (the survey runtime, loaded with the prompt) exports. */
export type SurveyRuntime = typeof import('../survey-entry');

/**
 * Wraps a loader so that it runs once while it succeeds (later calls share the result: the warm-up
 * and `show()` download the prompt once), while a failure is forgotten, so the next call tries again.
 * @example const loadPrompt = retryingOnce(importPrompt);
 */
export function retryingOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e) => {
      loading = undefined;
      throw e;
    }));
}

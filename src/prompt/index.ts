// TEMPORARY adapter (sdk branch): the built-in prompt as a `Renderer` over the version 1
// `mountPrompt`, so the two-stage build works end to end. The prompt's own module replaces it.
import type { Renderer } from '../core/renderer';
import { mountPrompt } from './mount-prompt';

export { en } from './en';

/** The built-in prompt. */
export const renderPrompt: Renderer = (survey) =>
  mountPrompt({
    options: survey.options,
    locale: survey.locale,
    messages: survey.messages,
    nonce: survey.nonce,
    onScore: async (score) => void (await survey.answer(score)),
    onComment: (comment) => survey.comment(comment),
    onDismiss: () => survey.dismiss(),
    onClosed: () => survey.done(),
  });

import { signal, type Signal } from '@preact/signals';
import type { Category } from '../core/wire';

/** Where the prompt is: the 0–10 scale, the follow-up question, or the thank-you. */
export type Step = 'scale' | 'follow-up' | 'thanks';

/**
 * Everything that changes while one prompt is shown. Components read these signals and re-render
 * when they change; only the prompt's actions (create-prompt.ts) write them.
 */
export interface PromptState {
  step: Signal<Step>;
  /** The score the user picked (stored or being stored); undefined until then or when storing it failed. */
  score: Signal<number | undefined>;
  /** The score's category, as the survey reported it once the score was stored. */
  category: Signal<Category | undefined>;
  /** The radio that holds the scale's single Tab stop. */
  tabStop: Signal<number>;
  comment: Signal<string>;
  /** A record is being stored: a second click or key waits for it. */
  busy: Signal<boolean>;
}

/** Fresh state for one prompt: the scale, nothing chosen, the Tab stop on 0. */
export const createPromptState = (): PromptState => ({
  step: signal<Step>('scale'),
  score: signal<number>(),
  category: signal<Category>(),
  tabStop: signal(0),
  comment: signal(''),
  busy: signal(false),
});

import { batch } from '@preact/signals';
import type { PromptState, Step } from './prompt-state';

/** Stores one record (`store`), then shows the step `next`; resolves whether the step changed. */
export type StoreThenShow = (store: () => Promise<unknown>, next: Step) => Promise<boolean>;

/**
 * How a prompt moves on: one store at a time (`busy` meanwhile), and only while `canStore()`; once
 * the record is stored, `moveOn()` says whether the prompt still moves on (not while it closes). On a
 * failed store the view stays where it was, with no score chosen when the score itself was not stored.
 * @example const run = storeThenShow(state, isOpen, isOpen); await run(() => survey.comment(text), 'thanks');
 */
export const storeThenShow =
  (state: PromptState, canStore: () => boolean, moveOn: () => boolean): StoreThenShow =>
  async (store, next) => {
    if (state.busy.peek() || !canStore()) return false;
    state.busy.value = true;
    try {
      await store();
      if (!moveOn()) return false;
      batch(() => {
        state.step.value = next;
        state.busy.value = false;
      });
      return true;
    } catch {
      batch(() => {
        if (state.step.peek() === 'scale') state.score.value = undefined;
        state.busy.value = false;
      });
      return false;
    }
  };

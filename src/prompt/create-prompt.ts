import { batch } from '@preact/signals';
import type { Survey } from '../core/renderer';
import { createPromptState, type PromptState } from './prompt-state';
import { storeThenShow } from './store-then-show';
import { thanksFor, type ThanksContent } from './thanks-for';

/** What the prompt needs from the page it is mounted in (render-prompt.tsx; fakes in tests). */
export interface PromptHost {
  /** Whether focus is inside the prompt right now. */
  hasFocus(): boolean;
  /** Takes the UI off the page (and gives focus back if it was inside). */
  remove(): void;
  /** Runs `task` after `ms`; returns a function that cancels it. @default setTimeout */
  after?(ms: number, task: () => void): () => void;
}

/** One shown prompt: its state and the actions its components call. */
export interface Prompt {
  readonly survey: Survey;
  readonly state: PromptState;
  /** The `center` position: a modal dialog that takes, traps and returns focus. */
  readonly modal: boolean;
  /**
   * Set when the step changed while focus was in the prompt: the new step then takes focus.
   * Otherwise focus stays where the user left it (never stolen from the page). On show it is set
   * only for the modal, which takes focus. The dialog clears it once the step has taken focus.
   */
  focusFollows: boolean;
  /** Stores a score, then shows the follow-up; on a failed store, stays on the scale with nothing chosen. */
  choose(score: number): void;
  /** Stores the comment, then shows the thank-you, which closes itself after a while. */
  send(): void;
  /**
   * Focus or the pointer came into (`inside`) or left the prompt. A thank-you with a link does not
   * close itself meanwhile (WCAG 2.2.1: the user may be on the link); once both left, its time
   * starts again.
   */
  hold(by: 'focus' | 'pointer', inside: boolean): void;
  /** Close or Escape: stores a dismissal (the survey ignores it once answered), then closes. */
  dismiss(): void;
  /** Removes the UI at once, without calling back into the survey. */
  close(): void;
}

const defaultAfter = (ms: number, task: () => void) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

/**
 * The prompt's actions, written against the `Survey` handle only: one prompt from the scale to the
 * thank-you (or a dismissal), its close timer, and the UI's removal through `host`.
 * @example const prompt = createPrompt(survey, { hasFocus: () => false, remove: () => box.remove() });
 */
export function createPrompt(survey: Survey, host: PromptHost): Prompt {
  const state = createPromptState();
  let gone = false;
  let dismissing = false;
  let cancelTimer = () => {};
  // The thank-you, once shown, and what holds it open (focus, the pointer).
  let thanks: ThanksContent | undefined;
  const holds = new Set<'focus' | 'pointer'>();

  const closeLater = () => {
    cancelTimer();
    const waits = thanks?.link && holds.size;
    if (thanks && !waits && !dismissing) cancelTimer = (host.after ?? defaultAfter)(thanks.closeAfterMs, finish);
  };

  // Not once its UI is gone; a record stored while the prompt closes does not move it on; the new
  // step takes focus only when focus was in the prompt.
  const advance = storeThenShow(
    state,
    () => !gone,
    () => {
      if (gone || dismissing) return false;
      prompt.focusFollows = host.hasFocus();
      return true;
    },
  );

  const finish = () => {
    if (gone) return;
    prompt.close();
    survey.done();
  };

  const modal = survey.options.position === 'center';
  const prompt: Prompt = {
    survey,
    state,
    modal,
    // Focus is not stolen on show, except by the modal.
    focusFollows: modal,
    choose(score) {
      if (state.busy.peek() || state.step.peek() !== 'scale') return;
      batch(() => {
        state.score.value = score;
        state.tabStop.value = score;
      });
      void advance(async () => {
        state.category.value = await survey.answer(score);
      }, 'follow-up');
    },
    async send() {
      if (await advance(() => survey.comment(state.comment.peek()), 'thanks')) {
        thanks = thanksFor(survey, state.category.peek());
        closeLater();
      }
    },
    hold(by, inside) {
      if (inside) holds.add(by);
      else holds.delete(by);
      // Only a link gives the user something to reach: a plain thank-you keeps its time.
      if (thanks?.link) closeLater();
    },
    dismiss() {
      if (gone || dismissing) return;
      dismissing = true;
      state.busy.value = true;
      cancelTimer();
      // Closed either way: a failed store must not keep the prompt up.
      survey.dismiss().then(finish, finish);
    },
    close() {
      if (gone) return;
      gone = true;
      cancelTimer();
      host.remove();
    },
  };
  return prompt;
}

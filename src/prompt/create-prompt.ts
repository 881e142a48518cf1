import { batch } from '@preact/signals';
import type { Survey } from '../core/renderer';
import { createPromptState, type PromptState, type Step } from './prompt-state';
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
   * Otherwise focus stays where the user left it (never stolen from the page). The dialog clears it
   * once the new step has taken focus.
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

/** The prompt's actions, written against the `Survey` handle only. */
export function createPrompt(survey: Survey, host: PromptHost): Prompt {
  const state = createPromptState();
  const after = host.after ?? defaultAfter;
  let gone = false;
  let dismissing = false;
  let cancelTimer = () => {};
  // The thank-you, once shown, and what holds it open (focus, the pointer).
  let thanks: ThanksContent | undefined;
  const holds = new Set<'focus' | 'pointer'>();

  const closeLater = () => {
    cancelTimer();
    const waits = thanks?.link && holds.size;
    if (thanks && !waits && !dismissing) cancelTimer = after(thanks.closeAfterMs, finish);
  };

  // One store at a time; on success the next step shows, on failure the view stays where it was
  // (with no score chosen when the score itself was not stored).
  const run = async (work: () => Promise<unknown>, next: Step) => {
    if (state.busy.peek() || gone) return false;
    state.busy.value = true;
    try {
      await work();
      if (gone || dismissing) return false;
      prompt.focusFollows = host.hasFocus();
      batch(() => {
        state.step.value = next;
        state.busy.value = false;
      });
      return true;
    } catch {
      batch(() => {
        if (state.step.peek() == 'scale') state.score.value = undefined;
        state.busy.value = false;
      });
      return false;
    }
  };

  const finish = () => {
    if (gone) return;
    prompt.close();
    survey.done();
  };

  const prompt: Prompt = {
    survey,
    state,
    modal: survey.options.position == 'center',
    focusFollows: false,
    choose(score) {
      if (state.busy.peek() || state.step.peek() != 'scale') return;
      batch(() => {
        state.score.value = score;
        state.tabStop.value = score;
      });
      void run(async () => (state.category.value = await survey.answer(score)), 'follow-up');
    },
    async send() {
      if (await run(() => survey.comment(state.comment.peek()), 'thanks')) {
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

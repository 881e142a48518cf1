import type { ShowResult } from '../core/public-types';
import type { RenderedPrompt, Renderer } from '../core/renderer';
import { NpsError } from '../core/errors';
import { openSurvey } from './open-survey';
import type { SurveyContext } from './survey-context';

/** A survey on screen, as the client holds it until it ends. */
export interface Presentation {
  /** Closes the prompt (unless its renderer already did) and resolves `show()`; `dismissing` records a dismissal (unless answered). */
  finish(dismissing: boolean): void;
  /** False once the page itself removed the prompt (an SPA unmounted its inline container). */
  live(): boolean;
}

/** What the client learns about a presentation: when it takes the one slot on screen, and when it frees it. */
export interface PresentHooks {
  /**
   * Called just before the renderer runs: from now until `ended`, this is the prompt on screen. A
   * presentation finished here (called off while its first version was being stored) is never drawn.
   */
  began(presentation: Presentation): void;
  /**
   * Called once, when the prompt closed or its renderer threw: the slot is free. A dismissal still
   * being stored comes along, so the client's next decision can wait for it.
   */
  ended(presentation: Presentation, dismissal?: Promise<void>): void;
}

/**
 * One `show()` from the first stored version to how it resolves: stores the survey (rejecting when
 * it cannot be stored), renders it, and resolves when the prompt closes, once every answer made in
 * it has been stored. A renderer that throws rejects; a prompt that arrives after the survey was
 * finished (an async renderer) is closed at once. Part of the survey runtime: only a page that
 * shows a prompt loads it.
 */
export async function presentSurvey(
  context: Omit<SurveyContext, 'onDone'>,
  render: Renderer,
  hooks: PresentHooks,
): Promise<ShowResult> {
  let prompt: RenderedPrompt | undefined;
  let open = true;
  let end: (dismissing: boolean, closedByRenderer?: boolean) => void = () => {};
  const presentation: Presentation = {
    finish: (dismissing) => end(dismissing),
    live: () => prompt?.live?.() ?? true,
  };
  const opened = await openSurvey({ ...context, onDone: () => end(false, true) });
  return new Promise<ShowResult>((resolve, reject) => {
    end = (dismissing, closedByRenderer) => {
      if (!open) return;
      open = false;
      // An answer still being stored decides how show() resolves (and makes the dismissal a no-op).
      const earlier = opened.settled();
      hooks.ended(presentation, dismissing ? opened.dismiss().catch(() => {}) : undefined);
      void earlier.then(() => {
        opened.respond();
        resolve(opened.result());
      });
      // Last, and caught: a custom renderer's close() that throws still leaves the slot free, the
      // dismissal stored and show() resolving, and never breaks the caller (destroy(), a withdrawal).
      try {
        if (!closedByRenderer) prompt?.close();
      } catch (e) {
        context.emit('error', new NpsError('handler-threw', "the renderer's close() threw", e));
      }
    };
    const draw = async () => {
      try {
        const rendered = await render(opened.survey);
        if (open) prompt = rendered;
        else rendered.close();
      } catch (e) {
        // A renderer that throws frees the slot for the next show().
        if (open) {
          open = false;
          hooks.ended(presentation);
        }
        reject(e);
      }
    };
    hooks.began(presentation);
    // Called off while the first version was being stored (began finished it): nothing is drawn.
    if (open) void draw();
  });
}

/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: h is the JSX factory (@jsx h above): the classic runtime keeps prompt.js ~145 B gzip smaller than preact/jsx-runtime
import { h } from 'preact';
import type { Prompt } from './create-prompt';
import { FollowUp } from './follow-up';
import { ScoreScale, withModifier } from './score-scale';
import { ThankYou } from './thank-you';

/** Where the prompt sits: a corner, the bottom edge, a modal in the centre, or inline in the page. */
export type Placement = 'bottom-right' | 'bottom-left' | 'bottom' | 'center' | 'inline';

// The stops Tab can reach in the dialog, in document order (the dialog itself has tabindex -1).
const TAB_STOPS = '[role=radio][tabindex="0"],textarea,a,.send,.close';

/** In the modal, Tab from the last stop (Shift+Tab from the first) wraps around. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement) {
  const stops = [...dialog.querySelectorAll<HTMLElement>(TAB_STOPS)];
  if (event.shiftKey) stops.reverse();
  // Null when nothing in the prompt has focus: not one of the stops, so Tab goes to the first.
  const at = (dialog.getRootNode() as ShadowRoot).activeElement as HTMLElement;
  if (at === stops[stops.length - 1] || !stops.includes(at)) {
    event.preventDefault();
    stops[0]?.focus();
  }
}

interface DialogProps {
  prompt: Prompt;
  placement: Placement;
  /** The stylesheet text, when it has to go in a `<style nonce>` (no constructable stylesheets). */
  styleText?: string;
}

/**
 * The dialog, named by the question: the scale, then the follow-up, then the thank-you, and Close
 * throughout. Escape dismisses; in the modal (`center`) Tab is trapped; digits choose a score.
 * When a step changes while focus is in the prompt, focus moves to the new step.
 */
export function PromptDialog({ prompt, placement, styleText }: DialogProps) {
  const { state, survey } = prompt;
  const step = state.step.value;
  // Moves focus into a new step. The dialog reads only the step, so it renders once on show and once
  // per step change; Preact calls a ref function given anew on each render after that render's
  // elements are in the page, which is when the new step's control can take focus.
  const focusStep = (box: HTMLDivElement | null) => {
    if (!box || !prompt.focusFollows) return;
    prompt.focusFollows = false;
    const target = step === 'scale' ? '[role=radio][tabindex="0"]' : step === 'follow-up' ? 'textarea' : null;
    (target ? box.querySelector<HTMLElement>(target) : box)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') prompt.dismiss();
    else if (event.key === 'Tab' && prompt.modal) trapTab(event, event.currentTarget as HTMLElement);
    // Choosing checks the step and the busy flag itself: a digit typed in the follow-up does nothing.
    else if (/^\d$/.test(event.key) && !withModifier(event)) prompt.choose(Number(event.key));
  };

  // A press on the modal's backdrop would drop focus on <body>, outside the trap: it stays put instead.
  const onMouseDown = (event: MouseEvent) => {
    if (prompt.modal && event.target === event.currentTarget) event.preventDefault();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: not an interaction: a press on the modal's backdrop only keeps focus where it is
    <div class={`widget ${placement}`} part="container" lang={survey.locale} dir={survey.dir} onMouseDown={onMouseDown}>
      {styleText && <style nonce={survey.nonce}>{styleText}</style>}
      <div
        ref={focusStep}
        class="dialog"
        part="dialog"
        role="dialog"
        aria-label={survey.messages.question}
        // Left out rather than "false" outside the modal.
        aria-modal={prompt.modal || undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onFocusIn={() => prompt.hold('focus', true)}
        onFocusOut={() => prompt.hold('focus', false)}
        onPointerEnter={() => prompt.hold('pointer', true)}
        onPointerLeave={() => prompt.hold('pointer', false)}
      >
        {step === 'scale' && <ScoreScale prompt={prompt} />}
        {step === 'follow-up' && <FollowUp prompt={prompt} />}
        <ThankYou prompt={prompt} />
        <button
          type="button"
          class="close"
          part="close"
          aria-label={survey.messages.close}
          onClick={() => prompt.dismiss()}
        >
          ×
        </button>
      </div>
    </div>
  );
}

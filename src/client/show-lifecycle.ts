import type { SkipReason } from '../core/eligibility';
import type { Presentation, PresentHooks } from '../survey/present-survey';

// Where the client's one prompt slot is: free, held by a call that passed the rules and prepares
// its prompt, or holding the prompt on screen. (Numbers: they never leave this module.)
const IDLE = 0;
const PREPARING = 1;
const SHOWING = 2;

const ignore = () => {};

/** Calls off the `show()` that holds the slot while it prepares, saying why. */
type CallOff = (reason: SkipReason) => void;

/**
 * The show lifecycle of one client: its transitions (see {@link showLifecycle}). Its method names
 * are shortened in nps.js (MANGLED in rollup.config.mjs).
 */
export interface ShowLifecycle {
  /**
   * idle → deciding → preparing, or closed: waits for the calls before this one, checks the rules
   * (`visible`: a prompt holds the slot) and, when they pass, takes the slot with `callOff`. A
   * `dismiss()` that came while the call decided calls it off at once. Resolves why it is skipped.
   */
  decide(
    check: (visible: boolean) => Promise<SkipReason | undefined>,
    callOff: CallOff,
  ): Promise<SkipReason | undefined>;
  /**
   * The hooks of the presentation of the call that holds the slot. preparing → showing when its
   * prompt is about to be drawn, unless `calledOff` says the call was called off while its first
   * version was being stored: then it is never drawn, and nobody dismissed it. showing → closed when
   * the prompt closed: the slot is free, and the next decision waits until the dismissal (if any) is
   * stored, so its cooldown already applies.
   */
  presentHooks(calledOff: () => SkipReason | undefined): PresentHooks;
  /** preparing → closed: the call with `callOff` has ended; the slot is free unless a prompt is on screen. */
  leave(callOff: CallOff): void;
  /** `dismiss()`: showing → closed as dismissed, or calls off the call on its way to the screen. */
  onDismiss(): void;
  /** `destroy()` or a withdrawal: showing → closed (no dismissal), or calls off the call on its way. */
  halt(reason: SkipReason): void;
}

/**
 * The show lifecycle, an explicit state machine. Each `show()` goes `idle → deciding → preparing →
 * showing → closed`, and the client's one prompt slot goes `IDLE → PREPARING → SHOWING → IDLE`:
 * - deciding: the calls take turns checking the rules, so a skipped call never makes the next one
 *   look visible; the first to pass takes the slot.
 * - preparing: the call waits for `delayMs`, loads the modules and stores the first version.
 * - showing: the prompt is on screen until it closes, or until the page removes it.
 * - closed: `show()` resolves, and the slot is free again.
 *
 * "Called off" is the transition from deciding or preparing to closed: `dismiss()` (`cancelled`),
 * `destroy()` (`disabled`) or a withdrawal (`no-consent`) before the prompt is on screen end the
 * call without showing anything (the call's own `callOff` wakes it from `delayMs`).
 * @example
 * const lifecycle = showLifecycle();
 * const reason = await lifecycle.decide(check, callOff); // then prepare, present with lifecycle.presentHooks(…)
 * lifecycle.leave(callOff);
 */
export function showLifecycle(): ShowLifecycle {
  let slot = IDLE;
  /** The prompt on screen (slot SHOWING). */
  let showing: Presentation | undefined;
  /** Calls off the call that holds the slot while it prepares. */
  let callOff: CallOff = ignore;
  /** How often dismiss() found no prompt on screen: one that came while a call decided calls it off. */
  let dismissals = 0;
  /** Settles when the calls deciding so far have decided, and the dismissals they wait for are stored. */
  let turns = Promise.resolve();

  return {
    async decide(check, callOffThis) {
      const dismissalsBefore = dismissals;
      const previous = turns;
      let decided!: () => void;
      turns = new Promise<void>((resolve) => (decided = resolve));
      await previous;
      try {
        // The page removed the prompt (e.g. an SPA unmounted its inline container): it is no longer open.
        if (showing && !showing.live()) showing.finish(false);
        const reason = await check(slot !== IDLE);
        if (!reason) {
          slot = PREPARING;
          callOff = callOffThis;
          if (dismissals !== dismissalsBefore) callOffThis('cancelled');
        }
        return reason;
      } finally {
        decided();
      }
    },
    presentHooks: (calledOff) => ({
      began(presentation) {
        slot = SHOWING;
        showing = presentation;
        if (calledOff()) presentation.finish(false);
      },
      ended(presentation, dismissal) {
        if (showing === presentation) {
          showing = undefined;
          slot = IDLE;
        }
        if (dismissal) turns = turns.then(() => dismissal);
      },
    }),
    leave(callOffThis) {
      if (callOff === callOffThis) callOff = ignore;
      if (!showing) slot = IDLE;
    },
    onDismiss() {
      if (showing) return showing.finish(true);
      dismissals++;
      callOff('cancelled');
    },
    halt(reason) {
      callOff(reason);
      showing?.finish(false);
    },
  };
}

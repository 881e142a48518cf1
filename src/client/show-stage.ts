import type { ShowOptions, ShowResult } from '../core/public-types';
import type { SkipReason } from '../core/eligibility';
import { NpsError } from '../core/errors';
import { fail } from '../core/fail';
import { resolveStage } from '../core/stage-options';
import { assertJson, assertStage } from '../core/validate-options';
import type { ClientState, Prepared } from './client-state';
import { presentPrompt } from './present-prompt';
import { showRules } from './show-rules';

/**
 * One `show()` call through the lifecycle (show-lifecycle.ts): checked in its turn, then waiting
 * `delayMs`, loading, and presenting, each step after which dismiss(), destroy() or a withdrawal
 * can call it off.
 * @example nps.show = (stageOrOptions) => showStage(state, stageOrOptions);
 */
export async function showStage(state: ClientState, stageOrOptions: string | ShowOptions = {}): Promise<ShowResult> {
  // A stage name is shorthand for { stage }. Anything else that is not an object is checked as a
  // stage name too, so show(42) throws a TypeError naming 42 instead of showing a stage-less survey.
  const { stage, force, metadata, render }: ShowOptions =
    typeof stageOrOptions === 'object' ? stageOrOptions : { stage: stageOrOptions };
  if (stage != null) assertStage(stage, 'show({ stage })');
  if (render != null && typeof render !== 'function') fail('show({ render })', 'a function', render);
  assertJson(metadata, 'show({ metadata })');
  const { consented, lifecycle } = state;
  const o = resolveStage(state.npsOptions, stage ? state.stageTable?.[stage] : undefined);
  const skip = (reason: SkipReason): ShowResult => {
    state.emitEvent('skipped', { reason, stage });
    return { status: 'skipped', reason };
  };
  // Deciding reads (and may create) the anonymous id: not without consent, and not at all once
  // destroyed or without a page (server rendering).
  if (!consented.granted) return skip(state.isDestroyed ? 'disabled' : 'no-consent');
  if (state.isDestroyed || !state.hasDom) return skip('disabled');
  let calledOff: SkipReason | undefined;
  let wake = () => {};
  const callOff = (why: SkipReason) => {
    calledOff ??= why;
    wake();
  };
  const reason = await lifecycle.decide(showRules(state, stage, force, o), callOff);
  if (reason) return skip(reason);
  // dismiss(), destroy() or a withdrawal before the prompt is on screen call this show() off,
  // also while it was still deciding.
  calledOff = state.isDestroyed ? 'disabled' : consented.granted ? calledOff : 'no-consent';
  try {
    // Waits `delayMs`, or less when the call is called off: `wake` ends the wait early.
    if (o.delayMs && !calledOff)
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, o.delayMs);
        wake = () => {
          clearTimeout(timer);
          resume();
        };
      });
    if (calledOff) return skip(calledOff);
    let prepared: Prepared;
    try {
      prepared = await state.prepareSurvey(render ?? state.npsOptions.render);
    } catch (e) {
      state.reportError(new NpsError('load-failed', 'could not load the prompt', e));
      return skip('unavailable');
    }
    if (calledOff) return skip(calledOff);
    const { failed } = prepared.strings;
    if (failed)
      state.reportError(new NpsError('locale-failed', `could not load locale ${failed.locale}`, failed.cause));
    return await presentPrompt(state, prepared, o, () => calledOff, stage, metadata);
  } finally {
    lifecycle.leave(callOff);
  }
}

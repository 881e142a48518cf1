import { eligibility, type SkipReason, type UserState } from '../core/eligibility';
import type { Resolved } from '../core/stage-options';
import type { ClientState } from './client-state';

/**
 * The rules for one `show()` call, checked in its turn (see ShowLifecycle.decide): `visible` says
 * whether a prompt holds the slot. Resolves with the reason to skip, or undefined to show.
 * @example await lifecycle.decide(showRules(state, 'checkout', false, resolved), callOff)
 */
export const showRules =
  (state: ClientState, stage: string | undefined, force: boolean | undefined, o: Resolved) =>
  async (visible: boolean): Promise<SkipReason | undefined> => {
    const { consented, stageTable } = state;
    // Consent may have been withdrawn while this call waited its turn.
    if (!consented.granted) return 'no-consent';
    // The user and their states are read where they are used, after each wait: identify() or a
    // withdrawal may come in between.
    const sampleKey = `${state.currentUser ?? (await state.userStates.anonymousId())}\n${stage ?? ''}`;
    // The first check runs before anything is read from storage: user-level rules wait for the state.
    const check = (stored: UserState | undefined, slotTaken: boolean) =>
      eligibility({
        now: state.clock(),
        // show() returned at once without a page: only destroy() can have come since.
        disabled: state.isDestroyed,
        visible: slotTaken,
        stageKnown: !stage || !stageTable || Object.hasOwn(stageTable, stage),
        force: force || !stored,
        state: stored ?? {},
        ...o,
        signedUpAt: state.currentTraits?.signedUpAt,
        sampleKey,
      });
    return check(undefined, visible) ?? check(await state.userStates.get(state.currentUser).catch(() => ({})), false);
  };

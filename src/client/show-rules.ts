import { eligibility, type SkipReason } from '../core/eligibility';
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
    const { consented, userStates, currentUser, stageTable } = state;
    // Consent may have been withdrawn while this call waited its turn.
    if (!consented.granted) return 'no-consent';
    const sampleKey = `${currentUser ?? (await userStates.anonymousId())}\n${stage ?? ''}`;
    // The first check runs before anything is read from storage: user-level rules wait for the state.
    const check = (stored: Awaited<ReturnType<typeof userStates.get>> | undefined, slotTaken: boolean) =>
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
    return check(undefined, visible) ?? check(await userStates.get(currentUser).catch(() => ({})), false);
  };

import type { SkipReason } from '../core/eligibility';
import { NpsError } from '../core/errors';
import type { Json } from '../core/json';
import { pageUrl } from '../core/page-url';
import type { Resolved } from '../core/stage-options';
import type { UserStates } from './user-states';
import type { ClientState, Prepared } from './client-state';
import { consentWithdrawn } from './consented-store';

/**
 * Keeps an answer or a dismissal for the user. An identified user's is also kept for the device (the
 * anonymous id): the warm-up runs before most apps call identify(), and must not load the prompt for
 * them again.
 */
async function remember(state: ClientState, patch: Parameters<UserStates['remember']>[1]): Promise<void> {
  if (!state.consented.granted) return;
  const owners = state.currentUser === undefined ? [undefined] : [state.currentUser, undefined];
  await Promise.all(owners.map((owner) => state.userStates.remember(owner, patch))).catch((e) =>
    state.reportError(new NpsError('storage-failed', 'throttle state not stored', e)),
  );
}

/**
 * Stores the survey's first version, renders it, and resolves when the prompt closes (see
 * presentSurvey in survey.js).
 * @param calledOff why this show() was called off since it was decided, if it was
 * @example return presentPrompt(state, prepared, resolved, () => calledOff, 'checkout', metadata);
 */
export async function presentPrompt(
  state: ClientState,
  { runtime, renderer, strings }: Prepared,
  o: Resolved,
  calledOff: () => SkipReason | undefined,
  stage?: string,
  metadata?: Json,
) {
  return runtime.presentSurvey(
    {
      id: state.nextId(),
      userId: state.currentUser,
      anonymousId: await state.userStates.anonymousId(),
      traits: state.currentTraits,
      stage,
      metadata,
      locale: strings.locale,
      page: pageUrl(location),
      messages: runtime.resolveMessages(strings.messages, o, state.npsOptions.product),
      options: o,
      dir: runtime.dirOf(strings.locale),
      nonce: state.npsOptions.nonce,
      now: state.clock,
      // After a withdrawal the new outbox must not even start: refused before it loads.
      store: (version) => (state.consented.granted ? state.outbox.put(version) : Promise.reject(consentWithdrawn())),
      remember: (patch) => remember(state, patch),
      emit: state.emitEvent,
    },
    renderer.renderPrompt,
    state.lifecycle.presentHooks(calledOff),
  );
}

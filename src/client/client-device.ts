import { NpsError } from '../core/errors';
import type { ClientState } from './client-state';
import type { ClientEnv } from './client-env';
import { hasQueuedRecords } from './lazy-outbox';
import { createUserStates } from './user-states';
import { warmUp } from './warm-up';

/**
 * With consent: delivers what earlier pages left (loading the delivery machinery only then), and
 * warms up when the browser is idle.
 * @example startOnDevice(state, whenBrowserIdle);
 */
export function startOnDevice(state: ClientState, whenIdle: ClientEnv['whenIdle']): void {
  const { consented, npsOptions } = state;
  // Without a page (server rendering) there is no device to deliver from or warm up.
  if (!consented.granted || state.isDestroyed || !state.hasDom) return;
  hasQueuedRecords(consented).then(
    (queued) => queued && consented.granted && state.outbox.start(),
    () => {},
  );
  state.cancelWarmUp = whenIdle(
    () =>
      void warmUp(
        npsOptions,
        state.clock,
        () => state.isDestroyed || !consented.granted,
        () => Promise.all([undefined, state.currentUser].map((owner) => state.userStates.get(owner))),
        state.prepareSurvey,
      ),
  );
}

/**
 * Consent withdrawn: closes the prompt, stops delivering, erases everything stored on this device.
 * @example if (!given) withdrawConsent(state);
 */
export function withdrawConsent(state: ClientState): void {
  const { consented } = state;
  consented.granted = false;
  state.cancelWarmUp();
  state.lifecycle.halt('no-consent');
  state.outbox.close();
  state.outbox = state.freshOutbox();
  // The anonymous id this client knew is gone with the store; a new one is made after consent.
  state.userStates = createUserStates(consented, state.nextId);
  consented
    .erase()
    .catch((e) => state.reportError(e instanceof NpsError ? e : new NpsError('storage-failed', 'could not erase', e)));
}

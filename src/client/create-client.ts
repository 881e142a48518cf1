export type { ClientEnv } from './client-env';
import type { Nps } from '../core/public-types';
import { NpsError } from '../core/errors';
import type { NpsOptions } from '../core/options';
import { fail } from '../core/fail';
import { assertId, assertJson, validateOptions } from '../core/validate-options';
import { clientTriggers } from './client-triggers';
import { whenBrowserIdle, type ClientEnv } from './client-env';
import { importTriggers as defaultImportTriggers } from './loaders/import-triggers';
import { createClientState } from './client-state';
import { startOnDevice, withdrawConsent } from './client-device';
import { showStage } from './show-stage';

/**
 * {@link createNps} with its side effects passed in (tests, and nothing else, use `env`). Wires the
 * client's parts together: its state (client-state.ts), one show() through the lifecycle
 * (show-stage.ts, show-lifecycle.ts), consent and the device (client-consent.ts, client-device.ts),
 * the triggers, and the public methods.
 */
export function createClient<const Stage extends string = string>(
  options: NpsOptions<Stage>,
  env: Partial<ClientEnv> = {},
): Nps<Stage> {
  validateOptions(options);
  const { whenIdle = whenBrowserIdle, importTriggers = defaultImportTriggers } = env;
  const state = createClientState(options, env);
  const { consented, events, lifecycle, reportError } = state;
  const show: Nps<Stage>['show'] = (stageOrOptions) => showStage(state, stageOrOptions);
  startOnDevice(state, whenIdle);

  // A fired trigger shows its stage under the usual rules; a skip is reported by `skipped`.
  const triggers = clientTriggers(
    state.hasDom ? state.stageTable : undefined,
    importTriggers,
    ({ stage }) => showStage(state, stage).catch((e) => reportError(new NpsError('handler-threw', 'render threw', e))),
    reportError,
  );

  return {
    identify(id, traits) {
      assertId(id, 'identify(userId)');
      assertJson(traits, 'identify(userId, traits)');
      state.currentUser = id;
      state.currentTraits = traits;
    },
    show,
    dismiss: lifecycle.onDismiss,
    on: events.on,
    off: events.off,
    flush: async () => (consented.granted ? state.outbox.flush() : { delivered: 0, pending: 0 }),
    reset() {
      state.currentUser = state.currentTraits = undefined;
      if (consented.granted) state.userStates.reset();
    },
    track(event) {
      if (typeof event !== 'string' || !event) fail('track(event)', 'a non-empty string', event);
      triggers.track(event);
    },
    consent(given) {
      if (typeof given !== 'boolean') fail('consent(granted)', 'true or false', given);
      // Withdrawing always erases, even after destroy(): a visitor who declines on this page may
      // have agreed on an earlier one.
      if (!given) return withdrawConsent(state);
      if (consented.granted || state.isDestroyed) return;
      consented.granted = true;
      startOnDevice(state, whenIdle);
      triggers.restart();
    },
    destroy() {
      state.isDestroyed = true;
      state.cancelWarmUp();
      triggers.stop();
      lifecycle.halt('disabled');
      state.outbox.close();
      events.clear();
    },
  };
}

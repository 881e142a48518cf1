import { NpsError } from '../../core/errors';
import { startTimer, within } from '../../outbox/timer';
import type { ReceiveFromSdk } from '../../survey/from-sdk';
import type { SurveyRuntime } from '../load-prompt';
import { importBesideScript } from './script-url';

/**
 * Script-tag build (selected in rollup.config.mjs): `survey.js` from beside `nps.js`, handed the
 * modules it shares with nps.js before anything else runs in it (see survey/from-sdk.ts).
 */
export const importSurvey = (): Promise<SurveyRuntime> =>
  importBesideScript<SurveyRuntime & { receiveFromSdk: ReceiveFromSdk }>('survey.js').then((runtime) => {
    runtime.receiveFromSdk(NpsError, startTimer, within);
    return runtime;
  });

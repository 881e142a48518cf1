import type { SurveyRuntime } from '../load-prompt';
import { importBesideScript } from './script-url';

/** Script-tag build (selected in rollup.config.mjs): `survey.js` from beside `nps.js`. */
export const importSurvey = (): Promise<SurveyRuntime> => importBesideScript('survey.js');

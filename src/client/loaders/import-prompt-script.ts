import type { PromptModule } from '../load-prompt';
import { importBesideScript } from './script-url';

/** Script-tag build (selected in rollup.config.mjs): `prompt.js` from beside `nps.js`. */
export const importPrompt = (): Promise<PromptModule> => importBesideScript('prompt.js');

import type { PromptModule } from './load-prompt';
import { besideScript } from './script-url';

let attempt = 0;

/**
 * Script-tag build: loads `prompt.js` from beside `nps.js`. Browsers may remember a failed module
 * fetch for the page's lifetime, so each retry after a failure asks for a fresh URL.
 */
export const importPrompt = (): Promise<PromptModule> =>
  import(besideScript(attempt ? `prompt.js?retry=${attempt}` : 'prompt.js')).catch((e) => {
    attempt++;
    throw e;
  });

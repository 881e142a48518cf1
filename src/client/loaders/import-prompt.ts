import type { PromptModule } from '../load-prompt';

/**
 * ESM build: a literal `import()` that bundlers split into a chunk, loaded only when a prompt
 * shows (or on idle warm-up). The build maps it to `./prompt.js` beside `index.js`. The script-tag
 * build swaps this module for `import-prompt-script.ts`.
 */
export const importPrompt = (): Promise<PromptModule> => import('../../prompt-entry');

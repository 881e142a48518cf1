import type { TriggersModule } from '../client-triggers';

/**
 * ESM build: a literal `import()`, so bundlers split the trigger runtime into a chunk that loads
 * only when a stage has `on`. The script-tag build swaps this module for `import-triggers-script.ts`.
 */
export const importTriggers = (): Promise<TriggersModule> => import('../../triggers-entry');

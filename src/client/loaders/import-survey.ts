import type { SurveyRuntime } from '../load-prompt';

/**
 * ESM build: a literal `import()`, so bundlers split the survey runtime into a chunk that loads
 * with the prompt. The script-tag build swaps this module for `import-survey-script.ts`.
 */
export const importSurvey = (): Promise<SurveyRuntime> => import('../../survey-entry');

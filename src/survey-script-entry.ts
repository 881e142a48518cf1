/**
 * dist/survey.js, the survey runtime as the script tag loads it (see survey-entry.ts), plus
 * `receiveFromSdk`: nps.js hands it the modules the two files share (survey/from-sdk.ts).
 */
export * from './survey-entry';
export { receiveFromSdk } from './survey/from-sdk';

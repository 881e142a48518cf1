/** Closing the loop on responses: follow-up status and history, its metrics, recovered detractors, erasure. */
export { FOLLOW_UP_MIGRATIONS } from './follow-up-migrations';
export { FOLLOW_UP_STATUSES, parseFollowUpPatch, setFollowUp, type FollowUpChangeInput } from './set-follow-up';
export { followUpsOf, followUpStatusSql, untouchedFollowUp } from './follow-ups-of';
export { followUpMetrics } from './follow-up-metrics';
export { isRecovered, recoveredDetractors } from './recovered-detractors';
export { eraseUser } from './erase-user';
export type { ResponseFilter } from './response-filter';

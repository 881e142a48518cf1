import type { StoredResponse } from '../../core/api-types';

/** The response as an alert carries it: a snapshot taken when the alert was recorded. */
export type AlertRecord = Omit<StoredResponse, 'receivedAt' | 'followUp'>;

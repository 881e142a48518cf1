import type { AlertEvent } from '../alert-event';
import type { AlertRecord } from '../alert-record';

/** What a `json` webhook receives. */
export interface JsonAlertBody {
  event: AlertEvent;
  response: AlertRecord;
  /** The response in the dashboard; null when the collector was not given `dashboardUrl`. */
  link: string | null;
}

/**
 * The `json` format: the event, the record as the alert snapshot holds it, and the link.
 * @example jsonBody('detractor', record, link) // { event: 'detractor', response: record, link }
 */
export function jsonBody(event: AlertEvent, record: AlertRecord, link: string | null): JsonAlertBody {
  return { event, response: record, link };
}

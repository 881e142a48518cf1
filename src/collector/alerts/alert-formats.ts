import type { AlertEvent } from './alert-event';
import type { AlertRecord } from './alert-record';
import { jsonBody } from './formats/json';
import { slackBody } from './formats/slack';

/** Writes an alert's body (before `JSON.stringify`): the event, the response snapshot and its dashboard link. */
export type AlertFormatter = (event: AlertEvent, record: AlertRecord, link: string | null) => object;

/**
 * Every webhook format, by the name `WebhookOptions.format` takes. A new format is one file in
 * `formats/` and one entry here: validation and delivery read this table.
 */
export const ALERT_FORMATS = {
  json: jsonBody,
  slack: slackBody,
} satisfies Record<string, AlertFormatter>;

/** How the alert's body is written: the record as JSON, or a Slack message (the names of {@link ALERT_FORMATS}). */
export type WebhookFormat = keyof typeof ALERT_FORMATS;

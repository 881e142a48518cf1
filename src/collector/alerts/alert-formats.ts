import type { AlertMessage, DigestMessage } from './alert-message';
import { jsonAlert, jsonDigest } from './formats/json';
import { slackAlert, slackDigest } from './formats/slack';

/** Writes a webhook's bodies (before `JSON.stringify`): one for an alert, one for a digest. */
export interface AlertFormatter {
  alert(message: AlertMessage): object;
  digest(message: DigestMessage): object;
}

/**
 * Every webhook format, by the name `WebhookOptions.format` takes. A new format is one file in
 * `formats/` and one entry here: validation and delivery read this table.
 */
export const ALERT_FORMATS = {
  json: { alert: jsonAlert, digest: jsonDigest },
  slack: { alert: slackAlert, digest: slackDigest },
} satisfies Record<string, AlertFormatter>;

/** How the alert's body is written: the record as JSON, or a Slack message (the names of {@link ALERT_FORMATS}). */
export type WebhookFormat = keyof typeof ALERT_FORMATS;

import { ALERT_FORMATS, type WebhookFormat } from './alert-formats';
import type { AlertMessage, DigestMessage } from './alert-message';

const base = (dashboardUrl: string) => `${dashboardUrl.replace(/\/+$/, '')}/dashboard`;

/**
 * Where a response is shown in the dashboard: `<dashboardUrl>/dashboard?response=<id>`.
 * @example responseLink('https://nps.example.com', id) // 'https://nps.example.com/dashboard?response=…'
 */
export function responseLink(dashboardUrl: string | undefined, responseId: string): string | null {
  if (!dashboardUrl) return null;
  return `${base(dashboardUrl)}?response=${encodeURIComponent(responseId)}`;
}

/**
 * Where a digest sends its reader: the dashboard's open follow-up queue, detractors first.
 * @example queueLink('https://nps.example.com') // 'https://nps.example.com/dashboard?queue=open'
 */
export function queueLink(dashboardUrl: string | undefined): string | null {
  return dashboardUrl ? `${base(dashboardUrl)}?queue=open` : null;
}

/**
 * The body POSTed to a webhook for one response, as the exact string that is signed: the webhook's
 * format from {@link ALERT_FORMATS}.
 * @example alertBody('json', { event: 'detractor', record, link, followUp: false }) // '{"event":"detractor","response":{…},"link":"…"}'
 */
export function alertBody(format: WebhookFormat, message: AlertMessage): string {
  return JSON.stringify(ALERT_FORMATS[format].alert(message));
}

/**
 * The body POSTed to a webhook for a digest, as the exact string that is signed.
 * @example digestBody('json', { counts: { detractor: 14 }, text: '14 more detractors in the last minute', link }) // '{"event":"digest",…}'
 */
export function digestBody(format: WebhookFormat, message: DigestMessage): string {
  return JSON.stringify(ALERT_FORMATS[format].digest(message));
}

import type { AlertEvent } from './alert-event';
import { ALERT_FORMATS, type WebhookFormat } from './alert-formats';
import type { AlertRecord } from './alert-record';

/**
 * Where a response is shown in the dashboard: `<dashboardUrl>/dashboard?response=<id>`.
 * @example responseLink('https://nps.example.com', id) // 'https://nps.example.com/dashboard?response=…'
 */
export function responseLink(dashboardUrl: string | undefined, responseId: string): string | null {
  if (!dashboardUrl) return null;
  return `${dashboardUrl.replace(/\/+$/, '')}/dashboard?response=${encodeURIComponent(responseId)}`;
}

/**
 * The body POSTed to a webhook, as the exact string that is signed: the webhook's format from
 * {@link ALERT_FORMATS}.
 * @example alertBody('json', 'detractor', record, link) // '{"event":"detractor","response":{…},"link":"…"}'
 */
export function alertBody(format: WebhookFormat, event: AlertEvent, record: AlertRecord, link: string | null): string {
  return JSON.stringify(ALERT_FORMATS[format](event, record, link));
}

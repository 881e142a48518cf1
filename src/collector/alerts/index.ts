/** Webhook alerts: the transactional outbox, its delivery loop, signing and formats. */
export { ALERT_MIGRATIONS } from './alert-migrations';
export { ALERT_SOURCE_COLUMNS, recordAlerts, type AlertRecord, type AlertSource } from './record-alerts';
export {
  createAlertDelivery,
  type AlertDelivery,
  type AlertDeliveryOptions,
  type DeliveryRun,
  type Timers,
} from './alert-delivery';
export { listAlerts } from './list-alerts';
export {
  resolveWebhooks,
  type AlertEvent,
  type Webhook,
  type WebhookFormat,
  type WebhookOptions,
} from './webhook-options';
export { signWebhook, verifyWebhook, type HeadersLike } from './webhook-signature';
export { alertBody, escapeSlack, responseLink, type JsonAlertBody, type SlackAlertBody } from './alert-body';
export type { Query, Queryable, Row } from './queryable';

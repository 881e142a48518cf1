/**
 * A collector's delivery loop alone, in its own process (run by test/node/alerts-restart.test.ts,
 * which kills it mid-delivery): PostgreSQL at ALERTS_DATABASE_URL in schema ALERTS_SCHEMA, one
 * webhook at ALERTS_WEBHOOK_URL signed with ALERTS_WEBHOOK_SECRET.
 */
import pg from 'pg';
import { createAlertDelivery } from '../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../src/collector/alerts/webhook-options';

const env = (name: string) => process.env[name] ?? '';
const pool = new pg.Pool({ connectionString: env('ALERTS_DATABASE_URL'), options: `-c search_path=${env('ALERTS_SCHEMA')}` });
const webhooks = resolveWebhooks([{ url: env('ALERTS_WEBHOOK_URL'), secret: env('ALERTS_WEBHOOK_SECRET') }]);
const delivery = createAlertDelivery({ db: { query: (sql, params) => pool.query(sql, params) }, webhooks, requestTimeoutMs: 30_000 });
delivery.start();
// The loop's timers never keep a process alive; this process exists only to run it.
setInterval(() => {}, 60_000);
process.send?.('started');

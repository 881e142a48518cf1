/**
 * A collector's delivery loop alone, in its own process (run by test/collector/alerts/alert-restart.test.ts,
 * which kills it mid-delivery): the collector's database at ALERTS_DATABASE_URL (a PostgreSQL URL
 * whose search_path names the test's schema), one webhook at ALERTS_WEBHOOK_URL signed with
 * ALERTS_WEBHOOK_SECRET.
 */
import { createAlertDelivery } from '../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../src/collector/alerts/webhook-options';
import { openDatabase } from '../../src/collector/store/open-database';

const env = (name: string) => process.env[name] ?? '';
const db = await openDatabase({ url: env('ALERTS_DATABASE_URL') });
const webhooks = resolveWebhooks([{ url: env('ALERTS_WEBHOOK_URL'), secret: env('ALERTS_WEBHOOK_SECRET') }]);
const delivery = createAlertDelivery({ db, webhooks, requestTimeoutMs: 30_000 });
delivery.start();
// The loop's timers never keep a process alive; this process exists only to run it.
setInterval(() => {}, 60_000);
process.send?.('started');

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import { verifyWebhook } from '../../../src/collector/alerts/webhook-signature';
import { letTimePass, openAlertsDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { startChild } from '../../helpers/alerts-child';
import { startReceiver } from '../../helpers/alerts-receiver';
import { answered as answeredRecord, shown as shownRecord, present } from '../fixtures';

const url = process.env.TEST_DATABASE_URL;
const SECRET = 'restart-secret-0123456789';

// A killed process must share its database with the next one: PostgreSQL only.
describe.skipIf(!url)(
  url
    ? 'a collector process killed mid-delivery'
    : 'a collector process killed mid-delivery (skipped: TEST_DATABASE_URL is not set)',
  () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());

    it('is replaced by a restarted one that delivers the alert, once', async () => {
      const receiver = await startReceiver(['hang']);
      // Sent at once (no comment wait): the test is about the restart.
      const webhooks = resolveWebhooks([{ url: receiver.url, secret: SECRET, commentWaitSeconds: 0 }]);
      const detractor = answeredRecord(shownRecord(), 0);
      await storeBatch(db, [detractor], webhooks);
      const { child, ready, cleanUp } = startChild('test/helpers/alerts-delivery-child.ts', {
        ALERTS_DATABASE_URL: present(db.scopedUrl),
        ALERTS_WEBHOOK_URL: receiver.url,
        ALERTS_WEBHOOK_SECRET: SECRET,
      });
      try {
        await ready;
        await receiver.received(1); // the child is waiting for an answer that never comes
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;

        // The restarted collector, once the dead one's claim (60 s lease) ran out on the database's clock.
        await letTimePass(db, 61_000);
        const restarted = createAlertDelivery({ db, webhooks, log: () => {} });
        expect(await restarted.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });

        const [first, second] = receiver.requests;
        expect(receiver.requests).toHaveLength(2);
        expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
        expect(receiver.accepted()).toEqual([second]);
        expect(verifyWebhook(SECRET, second.headers, second.body)).toBe(true);
        expect(JSON.parse(second.body).response.id).toBe(detractor.id);
        const { rows } = await db.query(`select state, attempts from nps_alerts`);
        expect(rows).toEqual([{ state: 'delivered', attempts: 2 }]);
      } finally {
        child.kill('SIGKILL');
        cleanUp();
        await receiver.close();
      }
    });
  },
);

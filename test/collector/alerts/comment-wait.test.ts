// One message per detractor, with their words: an alert without a comment waits (in the database)
// for it; a comment that comes later than the message goes as a short follow-up quoting it.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery, type AlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import {
  commentedRecord,
  letTimePass,
  openAlertsDatabase,
  storeBatch,
  type TestDatabase,
} from '../../helpers/alerts-db';
import { startReceiver, type Receiver } from '../../helpers/alerts-receiver';
import { DATABASES, answered as answeredRecord, shown as shownRecord } from '../fixtures';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const quiet = () => {};

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('the comment wait on ' + name, () => {
    let db: TestDatabase;
    let receiver: Receiver;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(async () => {
      await db.query('truncate nps_responses cascade');
      receiver = await startReceiver([], { secret: SECRET });
    });
    afterEach(() => receiver.close());

    // The default wait (90 s), as a collector configured with only a URL and a secret has it.
    const webhookOf = (format: 'json' | 'slack' = 'json') =>
      resolveWebhooks([{ url: receiver.url, secret: SECRET, format }]);
    const deliveryFor = (webhooks: ReturnType<typeof webhookOf>): AlertDelivery =>
      createAlertDelivery({ db, webhooks, dashboardUrl: 'https://nps.example.com', log: quiet });
    const bodies = () => receiver.requests.map((r) => JSON.parse(r.body));

    it('a comment 2 s after the score: exactly one message, and it carries the comment', async () => {
      const webhooks = webhookOf();
      const delivery = deliveryFor(webhooks);
      const scored = answeredRecord(shownRecord({ userId: 'dana' }), 2);
      await storeBatch(db, [scored], webhooks);
      // Waiting for the comment: not claimed, by this collector or any other.
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
      expect(await deliveryFor(webhooks).runOnce()).toMatchObject({ claimed: 0 });
      await letTimePass(db, 2000);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
      await storeBatch(db, [commentedRecord(scored, 'Export keeps failing')], webhooks);
      // The comment ends the wait: the message goes at once.
      expect(await delivery.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      await letTimePass(db, 10 * 60_000);
      await storeBatch(db, [commentedRecord(scored, 'Export keeps failing')], webhooks);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
      expect(bodies()).toMatchObject([
        { event: 'detractor', response: { id: scored.id, score: 2, comment: 'Export keeps failing' } },
      ]);
      expect(receiver.requests.every((r) => r.verified)).toBe(true);
    });

    it('a comment 2 minutes after the score: the message when the wait ends, then one short follow-up quoting it', async () => {
      const webhooks = webhookOf('slack');
      const delivery = deliveryFor(webhooks);
      const scored = answeredRecord(shownRecord({ userId: 'eli' }), 3);
      await storeBatch(db, [scored], webhooks);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
      await letTimePass(db, 89_000);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
      await letTimePass(db, 1000);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      await letTimePass(db, 30_000);
      const commented = commentedRecord(scored, 'Nobody answered my ticket');
      await storeBatch(db, [commented], webhooks);
      await storeBatch(db, [commented], webhooks); // the widget resends
      expect(await delivery.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      await letTimePass(db, 10 * 60_000);
      expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });

      const [message, followUp] = bodies();
      expect(bodies()).toHaveLength(2);
      expect(message.text).toMatch(/^New detractor \(3\/10\) · user eli/);
      expect(JSON.stringify(message)).not.toContain('Nobody answered');
      expect(followUp.text).toMatch(/^Comment from the detractor \(3\/10\) · user eli · “Nobody answered my ticket”/);
      expect(followUp.blocks.map((block: { text: { text: string } }) => block.text.text)).toEqual([
        '*Comment from the detractor (3/10) · user eli*',
        '>Nobody answered my ticket',
        `<https://nps.example.com/dashboard?response=${scored.id}|Open in the NPS dashboard>`,
      ]);
      expect(receiver.requests.map((r) => r.headers['x-nps-event'])).toEqual(['detractor', 'comment']);
      expect(receiver.requests.every((r) => r.verified)).toBe(true);
    });

    it('the wait is kept in the database: a collector started after a restart sends when it ends', async () => {
      const webhooks = webhookOf();
      const before = deliveryFor(webhooks);
      before.start();
      await storeBatch(db, [answeredRecord(shownRecord(), 0)], webhooks);
      before.nudge();
      await before.stop();
      expect(receiver.requests).toEqual([]);
      await letTimePass(db, 90_000);
      const after = deliveryFor(webhooks);
      expect(await after.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      expect(bodies()).toMatchObject([{ event: 'detractor', response: { score: 0, comment: null } }]);
    });

    it('commentWaitSeconds: 0 sends at once', async () => {
      const webhooks = resolveWebhooks([{ url: receiver.url, secret: SECRET, commentWaitSeconds: 0 }]);
      await storeBatch(db, [answeredRecord(shownRecord(), 5)], webhooks);
      expect(await deliveryFor(webhooks).runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    });
  });

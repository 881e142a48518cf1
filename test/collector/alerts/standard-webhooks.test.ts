// Deliveries follow Standard Webhooks: a receiver on 127.0.0.1 verifies every one with the official
// `standardwebhooks` package, whatever the secret's form and the message's kind, and refuses a
// captured delivery replayed under another webhook-id.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import {
  commentedRecord,
  letTimePass,
  openAlertsDatabase,
  storeBatch,
  type TestDatabase,
} from '../../helpers/alerts-db';
import { startReceiver, type Receiver } from '../../helpers/alerts-receiver';
import { DATABASES, answered as answeredRecord, present, shown as shownRecord } from '../fixtures';

const SECRETS = {
  'a whsec_ secret': `whsec_${randomBytes(32).toString('base64')}`,
  'a plain string secret': 'plain-secret-of-some-length-0123',
};

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('Standard Webhooks deliveries on ' + name, () => {
    let db: TestDatabase;
    let receiver: Receiver | undefined;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses, nps_alerts cascade'));
    afterEach(async () => {
      await receiver?.close();
      receiver = undefined;
    });

    for (const [what, secret] of Object.entries(SECRETS))
      it(`every message verifies with the standardwebhooks package, with ${what}: alerts, follow-ups and digests`, async () => {
        receiver = await startReceiver([], { secret });
        const webhooks = resolveWebhooks([
          { url: receiver.url, secret, format: 'slack', commentWaitSeconds: 0, maxPerMinute: 2 },
        ]);
        const delivery = createAlertDelivery({ db, webhooks, log: () => {} });
        const records = ['a', 'b', 'c'].map((browser) => answeredRecord(shownRecord({ anonymousId: browser }), 4));
        await storeBatch(db, records, webhooks);
        await delivery.runOnce(); // two alerts; the third is folded into a digest
        await storeBatch(db, [commentedRecord(records[0], 'Later words')], webhooks);
        await letTimePass(db, 60_000);
        await delivery.runOnce(); // the digest and the comment's follow-up
        const events = receiver.requests.map((r) => r.headers['x-nps-event']).sort();
        expect(events).toEqual(['comment', 'detractor', 'detractor', 'digest']);
        expect(receiver.requests.map((r) => r.verified)).toEqual([true, true, true, true]);
        expect(receiver.accepted()).toHaveLength(4);
      });

    it('a captured delivery replayed under another webhook-id is refused by the standardwebhooks package', async () => {
      const secret = SECRETS['a whsec_ secret'];
      receiver = await startReceiver([], { secret });
      const webhooks = resolveWebhooks([{ url: receiver.url, secret, commentWaitSeconds: 0 }]);
      await storeBatch(db, [answeredRecord(shownRecord(), 1)], webhooks);
      await createAlertDelivery({ db, webhooks, log: () => {} }).runOnce();
      const captured = present(receiver.requests[0]);
      expect(captured.verified).toBe(true);
      const headers = Object.fromEntries(
        ['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
          name,
          String(captured.headers[name]),
        ]),
      );
      // The id is signed: a receiver that dedupes on webhook-id cannot be tricked into a second copy.
      expect(await receiver.replay({ ...headers, 'webhook-id': 'msg_replayed' }, captured.body)).toBe(401);
      expect(
        await receiver.replay(
          { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) },
          captured.body,
        ),
      ).toBe(401);
      // Unchanged, it verifies: the receiver's dedupe on webhook-id is what drops it.
      expect(await receiver.replay(headers, captured.body)).toBe(200);
      expect(receiver.requests.map((r) => r.verified)).toEqual([true, false, false, true]);
    });
  });

// Flood control: at most maxPerMinute messages per webhook in any minute, the rest folded into one
// digest message per minute; at most 3 alerts per anonymous id a day, the rest kept as suppressed.
// Every alert ends delivered, digested, suppressed or failed. Time moves on the database.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery, type AlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { listAlerts } from '../../../src/collector/alerts/list-alerts';
import { SUPPRESSED_REASON } from '../../../src/collector/alerts/record-alerts';
import { resolveWebhooks, type Webhook } from '../../../src/collector/alerts/webhook-options';
import { millisOf } from '../../../src/collector/store/queryable';
import {
  commentedRecord,
  letTimePass,
  openAlertsDatabase,
  storeBatch,
  type TestDatabase,
} from '../../helpers/alerts-db';
import { startReceiver, type Receiver } from '../../helpers/alerts-receiver';
import { DATABASES, answered as answeredRecord, present, shown as shownRecord } from '../fixtures';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const MINUTE = 60_000;
const quiet = () => {};

/** The most of `times` (ms) inside any minute ending at one of them: (t − 60 s, t]. */
function mostInAMinute(times: number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((other) => other > t - MINUTE && other <= t).length));
}

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('flood control on ' + name, () => {
    let db: TestDatabase;
    let receiver: Receiver;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(async () => {
      await db.query('truncate nps_responses, nps_alerts cascade');
      receiver = await startReceiver([], { secret: SECRET });
    });
    afterEach(() => receiver.close());

    /** Passes until nothing is claimed: what a running loop does in a moment. */
    const drain = async (delivery: AlertDelivery) => {
      for (let run = await delivery.runOnce(); run.claimed; run = await delivery.runOnce());
    };

    it('a flood of 1,000 detractors: at most 20 messages a minute plus one digest a minute, every alert accounted for', async () => {
      const [webhook] = resolveWebhooks([{ url: receiver.url, secret: SECRET }]) as [Webhook];
      const delivery = createAlertDelivery({
        db,
        webhooks: [webhook],
        dashboardUrl: 'https://nps.example.com',
        log: quiet,
      });
      // 100 detractors every 30 s for 5 minutes, each from a browser of its own, half with a comment.
      for (let wave = 0; wave < 10; wave++) {
        const records = Array.from({ length: 100 }, (_, i) => {
          const record = answeredRecord(shownRecord({ anonymousId: `flood-${wave}-${i}` }), i % 7);
          return i % 2 ? commentedRecord(record, `comment ${wave}-${i}`) : record;
        });
        await storeBatch(db, records, [webhook]);
        await drain(delivery);
        await letTimePass(db, MINUTE / 2);
      }
      for (let step = 0; step < 10; step++) {
        await drain(delivery);
        await letTimePass(db, MINUTE / 2);
      }

      const { counts, digests } = await listAlerts(db.query);
      expect(counts.pending + counts.failed + counts.suppressed).toBe(0);
      expect(counts.delivered + counts.digested).toBe(1000);
      expect(counts.delivered).toBeGreaterThan(0);
      expect(digests).toEqual({ pending: 0, delivered: expect.any(Number), failed: 0 });

      // Messages per minute, by when each was sent on the database's clock.
      const sent = await db.query(
        `select event = 'digest' as digest, first_attempt_at from nps_alerts where first_attempt_at is not null`,
      );
      const times = (digest: boolean) =>
        sent.rows.filter((r) => r.digest === digest).map((r) => millisOf(r.first_attempt_at));
      expect(times(false)).toHaveLength(counts.delivered);
      expect(mostInAMinute(times(false))).toBe(20);
      expect(mostInAMinute(times(true))).toBe(1);

      // What arrived: every message verified, the digests' counts add up to the digested alerts.
      const bodies = receiver.requests.map((r) => JSON.parse(r.body));
      expect(receiver.requests).toHaveLength(counts.delivered + digests.delivered);
      expect(receiver.requests.every((r) => r.verified)).toBe(true);
      const digestBodies = bodies.filter((b) => b.event === 'digest');
      expect(digestBodies).toHaveLength(digests.delivered);
      expect(digestBodies.reduce((sum, b) => sum + b.counts.detractor, 0)).toBe(counts.digested);
      for (const body of digestBodies) {
        expect(body.text).toBe(`${body.counts.detractor} more detractors in the last minute`);
        expect(body.link).toBe('https://nps.example.com/dashboard?queue=open');
      }
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(receiver.requests.length);
    }, 120_000);

    it('folds what does not fit into one digest, which goes out a minute after it opened', async () => {
      const [webhook] = resolveWebhooks([
        { url: receiver.url, secret: SECRET, maxPerMinute: 2, commentWaitSeconds: 0 },
      ]) as [Webhook];
      const delivery = createAlertDelivery({ db, webhooks: [webhook], log: quiet });
      const records = Array.from({ length: 16 }, (_, i) => answeredRecord(shownRecord({ anonymousId: `v${i}` }), 1));
      await storeBatch(db, records, [webhook]);
      await drain(delivery);
      expect(receiver.requests).toHaveLength(2);
      expect((await listAlerts(db.query)).counts).toMatchObject({ delivered: 2, digested: 14, pending: 0 });
      await letTimePass(db, MINUTE - 1000);
      await drain(delivery);
      expect(receiver.requests).toHaveLength(2);
      await letTimePass(db, 1000);
      await drain(delivery);
      expect(JSON.parse(receiver.requests[2]?.body ?? '{}')).toMatchObject({
        event: 'digest',
        text: '14 more detractors in the last minute',
        link: null,
      });
      expect(receiver.requests[2]?.headers['x-nps-event']).toBe('digest');
      const listed = await listAlerts(db.query);
      expect(listed.digests).toEqual({ pending: 0, delivered: 1, failed: 0 });
      const digest = listed.alerts.find((a) => a.event === 'digest');
      expect(digest).toMatchObject({ responseId: null, count: 14, state: 'delivered' });
      expect(listed.alerts.filter((a) => a.state === 'digested').every((a) => a.digest === digest?.id)).toBe(true);
      // The minute is over: the next alert goes on its own.
      await storeBatch(db, [answeredRecord(shownRecord({ anonymousId: 'later' }), 2)], [webhook]);
      await drain(delivery);
      expect(JSON.parse(receiver.requests[3]?.body ?? '{}')).toMatchObject({ event: 'detractor' });
    });

    it('keeps at most 3 alerts per anonymous id a day; the rest are suppressed with the reason, and raise no follow-up', async () => {
      const [webhook] = resolveWebhooks([{ url: receiver.url, secret: SECRET, commentWaitSeconds: 0 }]) as [Webhook];
      // Ten posts of 500 detractor records from one browser, at once.
      const posts = Array.from({ length: 10 }, () =>
        Array.from({ length: 500 }, () => answeredRecord(shownRecord({ anonymousId: 'one-browser' }), 0)),
      );
      await Promise.all(posts.map((records) => storeBatch(db, records, [webhook])));
      const listed = await listAlerts(db.query, { state: 'suppressed', limit: 1 });
      expect(listed.counts).toMatchObject({ pending: 3, suppressed: 4997 });
      expect(listed.alerts[0]?.reason).toBe(SUPPRESSED_REASON);
      expect(SUPPRESSED_REASON).toBe('more than 3 alerts from this anonymous id in 24 hours');
      const delivery = createAlertDelivery({ db, webhooks: [webhook], log: quiet });
      await drain(delivery);
      expect(receiver.requests).toHaveLength(3);
      // A comment on a suppressed answer raises nothing.
      const suppressed = await db.query(
        `select response_id::text as id from nps_alerts where state = 'suppressed' limit 1`,
      );
      const record = posts.flat().find((r) => r.id === suppressed.rows[0]?.id);
      await storeBatch(db, [commentedRecord(present(record), 'me again')], [webhook]);
      await drain(delivery);
      expect(receiver.requests).toHaveLength(3);
      // A day later the browser has room again.
      await letTimePass(db, 24 * 3_600_000);
      await storeBatch(db, [answeredRecord(shownRecord({ anonymousId: 'one-browser' }), 0)], [webhook]);
      await drain(delivery);
      expect(receiver.requests).toHaveLength(4);
      const { counts } = await listAlerts(db.query);
      expect(counts).toEqual({ pending: 0, delivered: 4, digested: 0, suppressed: 4997, failed: 0 });
    }, 60_000);
  });

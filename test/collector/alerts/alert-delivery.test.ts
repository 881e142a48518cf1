import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery, type AlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { listAlerts } from '../../../src/collector/alerts/list-alerts';
import { millisOf } from '../../../src/collector/store/queryable';
import { FIRST_RETRY_MS, LONGEST_RETRY_MS } from '../../../src/collector/alerts/retry-delay';
import { resolveWebhooks, type Webhook } from '../../../src/collector/alerts/webhook-options';
import { verifyWebhook } from '../../../src/collector/alerts/webhook-signature';
import {
  databaseNow,
  letTimePass,
  openAlertsDatabase,
  openSecondConnection,
  storeBatch,
  type TestDatabase,
} from '../../helpers/alerts-db';
import { fakeClock, manualTimers, scriptedFetch } from '../../helpers/alerts-fakes';
import { startReceiver, type Receiver } from '../../helpers/alerts-receiver';
import { until } from '../../helpers/wait';
import { DATABASES, answered as answeredRecord, shown as shownRecord, present } from '../fixtures';

// The Standard Webhooks form of a secret: whsec_ and 32 random bytes in base64.
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const HOUR = 3_600_000;
const quiet = () => {};

// No comment wait, and room for every message: these tests are about delivery itself.
const webhookFor = (url: string, format: 'json' | 'slack' = 'json'): Webhook =>
  resolveWebhooks([{ url, secret: SECRET, format, commentWaitSeconds: 0, maxPerMinute: 1000 }])[0];

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('alert delivery on ' + name, () => {
    let db: TestDatabase;
    let receiver: Receiver | undefined;
    const loops: AlertDelivery[] = [];
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));
    afterEach(async () => {
      await Promise.all(loops.splice(0).map((loop) => loop.stop()));
      await receiver?.close();
      receiver = undefined;
    });

    const alertRows = async () =>
      (
        await db.query(
          `select id::text as id, state, attempts, next_attempt_at, created_at, last_error from nps_alerts order by created_at, id`,
        )
      ).rows;

    it('delivers exactly one signed alert per detractor through 500s, a dropped connection and resent batches', async () => {
      receiver = await startReceiver([500, 500, 'drop'], { secret: SECRET });
      const webhook = webhookFor(receiver.url);
      const detractors = [
        answeredRecord(shownRecord({ userId: 'u1', stage: 'checkout' }), 2),
        answeredRecord(shownRecord(), 4),
        answeredRecord(shownRecord(), 6),
      ];
      const batch = [...detractors, answeredRecord(shownRecord(), 9), shownRecord()];
      for (let i = 0; i < 3; i++) await storeBatch(db, batch, [webhook]);

      const clock = fakeClock(Date.now());
      const delivery = createAlertDelivery({
        db,
        webhooks: [webhook],
        now: clock.now,
        random: () => 0.5,
        dashboardUrl: 'https://nps.example.com/',
        log: quiet,
      });
      for (let pass = 0; pass < 10 && receiver.accepted().length < detractors.length; pass++) {
        const seen = receiver.requests.length;
        await delivery.runOnce();
        for (const request of receiver.requests.slice(seen))
          expect(verifyWebhook(SECRET, request.headers, request.body, { now: clock.now })).toBe(true);
        // Every delivery verifies with the official Standard Webhooks library too.
        expect(receiver.requests.every((request) => request.verified)).toBe(true);
        await storeBatch(db, batch, [webhook]); // the widget resends while delivery is failing
        await letTimePass(db, 10 * 60_000);
      }

      const accepted = receiver.accepted();
      const bodies = accepted.map((r) => JSON.parse(r.body));
      expect(bodies.map((b) => b.response.id).sort()).toEqual(detractors.map((r) => r.id).sort());
      expect(new Set(accepted.map((r) => r.headers['webhook-id'])).size).toBe(detractors.length);
      // Every attempt for one response carried the same delivery id, so a receiver can dedupe.
      const idsByResponse = new Map<string, Set<unknown>>();
      for (const r of receiver.requests) {
        const response = JSON.parse(r.body).response.id as string;
        idsByResponse.set(response, (idsByResponse.get(response) ?? new Set()).add(r.headers['webhook-id']));
      }
      expect([...idsByResponse.values()].map((ids) => ids.size)).toEqual([1, 1, 1]);
      expect(receiver.requests.map((r) => r.answer)).toEqual([500, 500, 'drop', 200, 200, 200]);
      const first = bodies.find((b) => b.response.id === detractors[0].id);
      expect(first).toEqual({
        event: 'detractor',
        response: expect.objectContaining({
          id: detractors[0].id,
          score: 2,
          category: 'detractor',
          userId: 'u1',
          stage: 'checkout',
        }),
        link: `https://nps.example.com/dashboard?response=${detractors[0].id}`,
      });
      expect(accepted[0].headers['x-nps-event']).toBe('detractor');
      const listed = await listAlerts(db.query);
      expect(listed.counts).toEqual({ pending: 0, delivered: 3, digested: 0, suppressed: 0, failed: 0 });
      expect(listed.digests).toEqual({ pending: 0, delivered: 0, failed: 0 });
      expect(listed.alerts.map((a) => [a.state, a.attempts, a.lastError, a.nextAttemptAt])).toEqual(
        Array(3).fill(['delivered', 2, null, null]),
      );
      expect(listed.alerts.map((a) => a.webhook)).toEqual(Array(3).fill(webhook.key));
      expect((await listAlerts(db.query, { state: 'failed' })).alerts).toEqual([]);
      expect((await listAlerts(db.query, { state: 'delivered', limit: 2 })).alerts).toHaveLength(2);
      await expect(listAlerts(db.query, { state: 'lost' as 'failed' })).rejects.toThrow(
        'state must be one of pending, delivered, digested, suppressed, failed, got "lost"',
      );
    });

    // The loop reads the database's clock: a wait is bracketed by that clock just before and just after the attempt.
    const attemptOnce = async (delivery: AlertDelivery) => {
      const before = await databaseNow(db);
      await delivery.runOnce();
      const after = await databaseNow(db);
      const row = (await alertRows())[0];
      const next = millisOf(row.next_attempt_at);
      return { row, before, after, wait: { min: next - after, max: next - before } };
    };
    const within = (wait: { min: number; max: number }, ms: number) => wait.min <= ms && ms <= wait.max;

    it('retries with growing, jittered waits, the first within 30 s, and gives up only after 24 hours', async () => {
      const webhook = webhookFor('https://hooks.example.com/down');
      await storeBatch(db, [answeredRecord(shownRecord(), 0)], [webhook]);
      const failing = scriptedFetch([503]);
      const delivery = createAlertDelivery({
        db,
        webhooks: [webhook],
        fetch: failing.fetch,
        random: () => 0.999,
        log: quiet,
      });
      const waits: { min: number; max: number }[] = [];
      let row = (await alertRows())[0];
      let after = 0;
      while (row.state === 'pending' && waits.length < 500) {
        const attempt = await attemptOnce(delivery);
        ({ row, after } = attempt);
        if (row.state === 'pending') {
          // Pending until a failure at least 24 h after the alert was raised.
          expect(attempt.before - millisOf(row.created_at)).toBeLessThan(24 * HOUR);
          waits.push(attempt.wait);
          await letTimePass(db, millisOf(row.next_attempt_at) - (await databaseNow(db)));
        }
      }
      expect(row.state).toBe('failed');
      expect(row.last_error).toBe('HTTP 503');
      expect(after - millisOf(row.created_at)).toBeGreaterThanOrEqual(24 * HOUR);
      expect(failing.calls).toHaveLength(Number(row.attempts));
      // random() = .999 of a ceiling that doubles from 30 s up to an hour.
      expect(waits[0].min).toBeLessThan(FIRST_RETRY_MS);
      const expected = [30, 60, 120, 240, 480, 960, 1920, 3600].map((s) => Math.floor(0.999 * s * 1000));
      expect(waits.slice(0, 8).map((wait, i) => within(wait, expected[i]) || wait)).toEqual(Array(8).fill(true));
      expect(Math.max(...waits.map((wait) => wait.max))).toBeLessThanOrEqual(LONGEST_RETRY_MS);
    });

    it('waits at least as long as a Retry-After asks', async () => {
      const webhook = webhookFor('https://hooks.example.com/busy');
      await storeBatch(db, [answeredRecord(shownRecord(), 0)], [webhook]);
      const fetch: typeof globalThis.fetch = async () =>
        new Response('slow down', { status: 429, headers: { 'retry-after': '120' } });
      const { wait } = await attemptOnce(
        createAlertDelivery({ db, webhooks: [webhook], fetch, random: () => 0, log: quiet }),
      );
      expect(within(wait, 120_000) || wait).toBe(true);
    });

    it("claims, leases, retries and gives up by the database's clock, whatever a collector's own clock says", async () => {
      const webhook = webhookFor('https://hooks.example.com/clocks');
      await storeBatch(db, [answeredRecord(shownRecord(), 1)], [webhook]);
      let answer: ((response: Response) => void) | undefined;
      const waiting: typeof globalThis.fetch = () => new Promise((resolve) => (answer = resolve));
      // An hour slow: the alert just raised is due all the same.
      const slow = createAlertDelivery({
        db,
        webhooks: [webhook],
        fetch: waiting,
        now: () => Date.now() - HOUR,
        random: () => 0,
        log: quiet,
      });
      const slowPass = slow.runOnce();
      expect(await until(() => answer != null)).toBe(true);
      // Its lease runs on the database's clock, so a collector with the right time leaves the alert to it.
      const onTime = createAlertDelivery({ db, webhooks: [webhook], fetch: scriptedFetch([200]).fetch, log: quiet });
      expect(await onTime.runOnce()).toMatchObject({ claimed: 0 });
      present(answer)(new Response('down', { status: 503 }));
      expect(await slowPass).toMatchObject({ claimed: 1, retrying: 1 });
      // A day fast: an alert raised a moment ago is retried, not given up on.
      const fast = createAlertDelivery({
        db,
        webhooks: [webhook],
        fetch: scriptedFetch([503]).fetch,
        now: () => Date.now() + 25 * HOUR,
        log: quiet,
      });
      expect(await fast.runOnce()).toMatchObject({ claimed: 1, retrying: 1, failed: 0 });
      expect((await alertRows())[0]).toMatchObject({ state: 'pending', attempts: 2 });
    });

    it('delivers after a collector died mid-delivery, once its claim ran out', async () => {
      receiver = await startReceiver(['hang']);
      const webhook = webhookFor(receiver.url);
      await storeBatch(db, [answeredRecord(shownRecord(), 1)], [webhook]);
      // This one gets no answer and is never stopped: as if its process had been killed.
      void createAlertDelivery({ db, webhooks: [webhook], log: quiet, requestTimeoutMs: 30_000 }).runOnce();
      await receiver.received(1);
      const restarted = createAlertDelivery({
        db,
        webhooks: [webhook],
        random: () => 0.5,
        log: quiet,
        leaseMs: 60_000,
      });
      expect(await restarted.runOnce()).toMatchObject({ claimed: 0 }); // still claimed by the dead one
      await letTimePass(db, 60_000);
      expect(await restarted.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      expect(receiver.accepted()).toHaveLength(1);
      expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual(
        Array(2).fill(receiver.requests[0].headers['webhook-id']),
      );
      expect((await alertRows())[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    });

    it('hands in-flight alerts back on stop(), so the next process sends them at once', async () => {
      receiver = await startReceiver(['hang']);
      const webhook = webhookFor(receiver.url);
      await storeBatch(db, [answeredRecord(shownRecord(), 5)], [webhook]);
      const first = createAlertDelivery({ db, webhooks: [webhook], log: quiet });
      first.start();
      await receiver.received(1);
      await first.stop();
      expect((await alertRows())[0]).toMatchObject({
        state: 'pending',
        attempts: 1,
        last_error: 'delivery stopped before the receiver answered',
      });
      const next = createAlertDelivery({ db, webhooks: [webhook], log: quiet });
      expect(await next.runOnce()).toMatchObject({ delivered: 1 });
      expect(receiver.accepted()).toHaveLength(1);
    });

    it('runs on its timers: a pass at start, polling after, sooner when nudged', async () => {
      receiver = await startReceiver();
      const webhook = webhookFor(receiver.url);
      const manual = manualTimers();
      const delivery = createAlertDelivery({
        db,
        webhooks: [webhook],
        timers: manual.timers,
        log: quiet,
        pollIntervalMs: 5000,
      });
      loops.push(delivery);
      delivery.start();
      expect(manual.waiting()).toEqual([0]);
      manual.fire();
      expect(await until(() => manual.waiting().length === 1)).toBe(true);
      expect(manual.waiting()).toEqual([5000]);
      await storeBatch(db, [answeredRecord(shownRecord(), 2)], [webhook]);
      delivery.nudge();
      expect(manual.waiting()).toEqual([0]);
      manual.fire();
      await receiver.received(1);
      expect(await until(() => manual.waiting().length === 1)).toBe(true);
      expect((await alertRows())[0]).toMatchObject({ state: 'delivered' });
      await delivery.stop();
      expect(manual.waiting()).toEqual([]);
    });

    it("never keeps the process alive: its default timers are unref'd", async () => {
      const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
      const before = timeouts();
      const delivery = createAlertDelivery({ db, webhooks: [webhookFor('https://hooks.example.com/x')], log: quiet });
      delivery.start();
      expect(timeouts()).toBe(before);
      await delivery.stop();
    });

    it('refuses a lease that could run out while a request is still waiting', () => {
      const webhooks = [webhookFor('https://hooks.example.com/x')];
      expect(() => createAlertDelivery({ db, webhooks, requestTimeoutMs: 60_000, leaseMs: 60_000 })).toThrow(
        'nps collector: alert delivery leaseMs (60000) must be longer than requestTimeoutMs (60000)',
      );
      expect(() => createAlertDelivery({ db, webhooks, batchSize: 0 })).toThrow(
        'alert delivery batchSize must be a positive number, got 0',
      );
    });

    it('posts Slack messages with the user text escaped', async () => {
      receiver = await startReceiver();
      const webhook = webhookFor(receiver.url, 'slack');
      const record = {
        ...answeredRecord(shownRecord({ userId: 'ann <ops>', stage: 'checkout' }), 3),
        comment: 'Broken <script> & <!channel>',
      };
      await storeBatch(db, [record], [webhook]);
      await createAlertDelivery({
        db,
        webhooks: [webhook],
        dashboardUrl: 'https://nps.example.com',
        log: quiet,
      }).runOnce();
      const body = JSON.parse(receiver.accepted()[0].body);
      expect(body.text).toContain('Broken &lt;script&gt; &amp; &lt;!channel&gt;');
      expect(JSON.stringify(body.blocks)).toContain('>Broken &lt;script&gt; &amp; &lt;!channel&gt;');
      expect(JSON.stringify(body.blocks)).toContain('ann &lt;ops&gt;');
      expect(JSON.stringify(body)).not.toContain('<script>');
      expect(JSON.stringify(body.blocks)).toContain(
        `<https://nps.example.com/dashboard?response=${record.id}|Open in the NPS dashboard>`,
      );
    });

    it.skipIf(!url)('two delivery loops on one PostgreSQL never send the same alert twice', async () => {
      receiver = await startReceiver([], { delayMs: 20 });
      const webhook = webhookFor(receiver.url);
      const records = Array.from({ length: 40 }, (_, i) =>
        answeredRecord(shownRecord({ anonymousId: `anon-${i}` }), i % 7),
      );
      await storeBatch(db, records, [webhook]);
      const other = await openSecondConnection(db);
      try {
        const drain = async (database: TestDatabase) => {
          const delivery = createAlertDelivery({ db: database, webhooks: [webhook], batchSize: 5, log: quiet });
          let sent = 0;
          for (let run = await delivery.runOnce(); run.claimed; run = await delivery.runOnce()) sent += run.delivered;
          return sent;
        };
        const sent = await Promise.all([drain(db), drain(other), drain(db), drain(other)]);
        expect(sent.reduce((a, b) => a + b)).toBe(40);
        const ids = receiver.requests.map((r) => r.headers['webhook-id']);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
        expect(receiver.requests.every((r) => r.concurrent === 1)).toBe(true);
      } finally {
        await other.close();
      }
    });
  });

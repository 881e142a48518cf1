import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordAlerts, type AlertSource } from '../../../src/collector/alerts/record-alerts';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import { commentedRecord, openAlertsDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { DATABASES, answered as answeredRecord, shown as shownRecord } from '../fixtures';

const [onDetractor, onAnswer, onComment] = resolveWebhooks([
  { url: 'https://hooks.example.com/detractors', on: 'detractor' },
  { url: 'https://hooks.example.com/answers', on: 'answer', format: 'slack' },
  { url: 'https://hooks.example.com/comments', on: 'comment' },
]) as [
  ReturnType<typeof resolveWebhooks>[number],
  ReturnType<typeof resolveWebhooks>[number],
  ReturnType<typeof resolveWebhooks>[number],
];

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('recordAlerts on ' + name, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    const alerts = async () =>
      (
        await db.query(
          `select response_id::text as response, event, webhook, attempts, record->>'comment' as comment from nps_alerts order by response_id, event, webhook`,
        )
      ).rows;

    it('raises one alert per response and event per webhook, however often the batch is resent', async () => {
      const detractors = [answeredRecord(shownRecord(), 2), answeredRecord(shownRecord(), 6)];
      const promoter = answeredRecord(shownRecord(), 10);
      const unanswered = shownRecord();
      const batch = [...detractors, promoter, unanswered];
      const webhooks = [onDetractor, onAnswer, onComment];
      expect(await storeBatch(db, batch, webhooks)).toBe(2 + 3);
      expect(await storeBatch(db, batch, webhooks)).toBe(0);
      expect(await storeBatch(db, batch, webhooks)).toBe(0);
      // Even called again with the stored rows (not only with what an upsert changed) nothing is added.
      expect(await db.transaction((q) => recordAlerts(q, batch as AlertSource[], webhooks))).toBe(0);
      const rows = await alerts();
      expect(
        rows
          .filter((r) => r.webhook === onDetractor.key)
          .map((r) => r.response)
          .sort(),
      ).toEqual(detractors.map((r) => r.id).sort());
      expect(rows.filter((r) => r.webhook === onAnswer.key)).toHaveLength(3);
      expect(rows.filter((r) => r.webhook === onComment.key)).toHaveLength(0);
      expect(rows.every((r) => r.attempts === 0)).toBe(true);
    });

    it('raises nothing for a batch that the upsert did not change, nor without webhooks', async () => {
      const detractor = answeredRecord(shownRecord(), 0);
      expect(await storeBatch(db, [detractor], [])).toBe(0);
      expect(await alerts()).toEqual([]);
      // An older version arriving late loses the upsert, so it is not passed on and raises nothing.
      expect(await storeBatch(db, [shownRecord({ id: detractor.id })], [onAnswer])).toBe(0);
    });

    it('adds a comment to the alert that has not been attempted yet', async () => {
      const scored = answeredRecord(shownRecord(), 3);
      await storeBatch(db, [scored], [onDetractor, onComment]);
      expect(await storeBatch(db, [commentedRecord(scored, 'Too slow on mobile')], [onDetractor, onComment])).toBe(2);
      expect(await alerts()).toEqual([
        { response: scored.id, event: 'comment', webhook: onComment.key, attempts: 0, comment: 'Too slow on mobile' },
        {
          response: scored.id,
          event: 'detractor',
          webhook: onDetractor.key,
          attempts: 0,
          comment: 'Too slow on mobile',
        },
      ]);
    });

    it('sends a follow-up alert for a comment that arrives after an attempt, once', async () => {
      const scored = answeredRecord(shownRecord(), 3);
      await storeBatch(db, [scored], [onDetractor]);
      await db.query(`update nps_alerts set attempts = 1`); // a delivery loop claimed it
      const commented = commentedRecord(scored, 'Still broken');
      expect(await storeBatch(db, [commented], [onDetractor])).toBe(1);
      await storeBatch(db, [commented], [onDetractor]);
      expect(await db.transaction((q) => recordAlerts(q, [commented] as AlertSource[], [onDetractor]))).toBe(0);
      expect(await alerts()).toEqual([
        { response: scored.id, event: 'comment', webhook: onDetractor.key, attempts: 0, comment: 'Still broken' },
        { response: scored.id, event: 'detractor', webhook: onDetractor.key, attempts: 1, comment: null },
      ]);
    });

    it('keeps the comment in the first alert when score and comment arrive together', async () => {
      const both = commentedRecord(answeredRecord(shownRecord(), 1), 'Crashes');
      expect(await storeBatch(db, [both], [onDetractor])).toBe(1);
      expect(await alerts()).toEqual([
        { response: both.id, event: 'detractor', webhook: onDetractor.key, attempts: 0, comment: 'Crashes' },
      ]);
    });

    it('raises one alert per detractor under concurrent resends', async () => {
      // One browser each: the limit per anonymous id is pinned in alert-flood.test.ts.
      const batch = Array.from({ length: 30 }, (_, i) =>
        answeredRecord(shownRecord({ anonymousId: `anon-${i}` }), i % 7),
      );
      const later = batch.map((r) => commentedRecord(r, 'comment ' + r.id));
      await Promise.all([batch, later, batch, later, batch].map((b) => storeBatch(db, b, [onDetractor])));
      const rows = await alerts();
      const detractorAlerts = rows.filter((r) => r.event === 'detractor');
      expect(new Set(detractorAlerts.map((r) => r.response)).size).toBe(detractorAlerts.length);
      expect(detractorAlerts).toHaveLength(batch.filter((r) => r.category === 'detractor').length);
      // Nothing was attempted, so every comment joined its alert instead of raising another.
      expect(rows.filter((r) => r.event === 'comment')).toEqual([]);
      expect(detractorAlerts.every((r) => r.comment === 'comment ' + r.response)).toBe(true);
    });
  });

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import { eraseUser } from '../../../src/collector/erasure/erase-user';
import { setFollowUp } from '../../../src/collector/follow-up/set-follow-up';
import { commentedRecord, openAlertsDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { scriptedFetch } from '../../helpers/alerts-fakes';
import { DATABASES, answered as answeredRecord, shown as shownRecord } from '../fixtures';

const webhooks = resolveWebhooks([
  { url: 'https://hooks.example.com/a', on: 'answer' },
  { url: 'https://hooks.example.com/c', on: 'comment' },
]);

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('eraseUser on ' + name, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    /** Every row of every table in this database's schema, as text. */
    async function everyRow(): Promise<string[]> {
      const tables = await db.query(
        `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      );
      const rows: string[] = [];
      for (const { table_name } of tables.rows) {
        const { rows: found } = await db.query(`select t::text as row from ${String(table_name)} t`);
        rows.push(...found.map((r) => `${String(table_name)}: ${String(r.row)}`));
      }
      return rows;
    }

    it('erases the user, the anonymous ids seen with them, their follow-ups and alerts, and nothing else', async () => {
      // Before identify: anon-erin answers; afterwards erin answers twice and comments; someone else stays.
      const beforeIdentify = answeredRecord(shownRecord({ anonymousId: 'anon-erin' }), 4);
      const identified = commentedRecord(
        answeredRecord(shownRecord({ anonymousId: 'anon-erin', userId: 'erin', traits: { plan: 'pro' } }), 2),
        'Slow',
      );
      const otherDevice = answeredRecord(shownRecord({ anonymousId: 'anon-erin-phone', userId: 'erin' }), 9);
      const dismissed = { ...shownRecord({ anonymousId: 'anon-erin-phone' }), status: 'dismissed' as const };
      const bystander = commentedRecord(
        answeredRecord(shownRecord({ anonymousId: 'anon-finn', userId: 'finn' }), 1),
        'Meh',
      );
      await storeBatch(db, [beforeIdentify, identified, otherDevice, dismissed, bystander], webhooks);
      await setFollowUp(db.query, identified.id, { status: 'contacted', note: 'Called erin' }, 'dashboard');
      await setFollowUp(db.query, bystander.id, { status: 'contacted' }, 'dashboard');
      // One of erin's alerts was delivered already; the rest are pending.
      await createAlertDelivery({
        db,
        webhooks,
        fetch: scriptedFetch([200]).fetch,
        batchSize: 1,
        log: () => {},
      }).runOnce();
      const mentionsErin = (rows: string[]) =>
        rows.filter(
          (row) =>
            /erin/.test(row) || [beforeIdentify, identified, otherDevice, dismissed].some((r) => row.includes(r.id)),
        );
      expect(mentionsErin(await everyRow()).length).toBeGreaterThan(8);

      expect(await eraseUser(db.query, 'erin')).toEqual({ deleted: 4 });
      expect(mentionsErin(await everyRow())).toEqual([]);
      // The bystander keeps their response, follow-up, history and alerts.
      const left = await everyRow();
      expect(
        left
          .filter((row) => row.includes(bystander.id))
          .map((row) => row.split(':')[0])
          .sort(),
      ).toEqual(['nps_alerts', 'nps_alerts', 'nps_follow_up_history', 'nps_follow_ups', 'nps_responses']);
      expect(await eraseUser(db.query, 'erin')).toEqual({ deleted: 0 });
    });

    it("keeps another user's responses from a browser they shared", async () => {
      // One laptop: anonymous before anyone signed in, then alice, then bob.
      const anonymous = answeredRecord(shownRecord({ anonymousId: 'shared-laptop' }), 5);
      const alice = answeredRecord(shownRecord({ anonymousId: 'shared-laptop', userId: 'alice' }), 2);
      const bob = commentedRecord(
        answeredRecord(shownRecord({ anonymousId: 'shared-laptop', userId: 'bob' }), 9),
        'Great',
      );
      await storeBatch(db, [anonymous, alice, bob], webhooks);
      await setFollowUp(db.query, bob.id, { status: 'resolved' }, 'dashboard');

      expect(await eraseUser(db.query, 'alice')).toEqual({ deleted: 2 });
      const left = await everyRow();
      expect(left.filter((row) => row.includes(alice.id) || row.includes(anonymous.id))).toEqual([]);
      expect(
        left
          .filter((row) => row.includes(bob.id))
          .map((row) => row.split(':')[0])
          .sort(),
      ).toEqual(['nps_alerts', 'nps_alerts', 'nps_follow_up_history', 'nps_follow_ups', 'nps_responses']);
    });

    it('refuses an empty or NUL-bearing user id', async () => {
      await expect(eraseUser(db.query, '')).rejects.toThrow('userId must be a non-empty string');
      await expect(eraseUser(db.query, 'a\u0000')).rejects.toThrow('NUL');
    });
  });

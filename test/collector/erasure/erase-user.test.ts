import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertDelivery } from '../../../src/collector/alerts/alert-delivery';
import { resolveWebhooks } from '../../../src/collector/alerts/webhook-options';
import { eraseUser } from '../../../src/collector/erasure/erase-user';
import { type ErasureKey, erasureKey } from '../../../src/collector/erasure/erasure-key';
import { identityHash } from '../../../src/collector/erasure/identity-hash';
import { millisOf } from '../../../src/collector/store/queryable';
import { setFollowUp } from '../../../src/collector/follow-up/set-follow-up';
import { commentedRecord, openAlertsDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { scriptedFetch } from '../../helpers/alerts-fakes';
import { DATABASES, answered as answeredRecord, shown as shownRecord } from '../fixtures';

// Sent at once (no comment wait), so that some alerts are delivered before the erasure.
const webhooks = resolveWebhooks([
  { url: 'https://hooks.example.com/a', on: 'answer', commentWaitSeconds: 0 },
  { url: 'https://hooks.example.com/c', on: 'comment' },
]);

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('eraseUser on ' + name, () => {
    let db: TestDatabase;
    let key: ErasureKey;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
      key = erasureKey(db.query);
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

      expect(await eraseUser(db, 'erin', key)).toEqual({ deleted: 4 });
      expect(mentionsErin(await everyRow())).toEqual([]);
      // The bystander keeps their response, follow-up, history and alerts.
      const left = await everyRow();
      expect(
        left
          .filter((row) => row.includes(bystander.id))
          .map((row) => row.split(':')[0])
          .sort(),
      ).toEqual(['nps_alerts', 'nps_alerts', 'nps_follow_up_history', 'nps_follow_ups', 'nps_responses']);
      expect(await eraseUser(db, 'erin', key)).toEqual({ deleted: 0 });
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

      expect(await eraseUser(db, 'alice', key)).toEqual({ deleted: 2 });
      const left = await everyRow();
      expect(left.filter((row) => row.includes(alice.id) || row.includes(anonymous.id))).toEqual([]);
      expect(
        left
          .filter((row) => row.includes(bob.id))
          .map((row) => row.split(':')[0])
          .sort(),
      ).toEqual(['nps_alerts', 'nps_alerts', 'nps_follow_up_history', 'nps_follow_ups', 'nps_responses']);
    });

    it('keeps tombstones: keyed hashes of the user id and the anonymous ids erased with it, and the time', async () => {
      await db.query('truncate nps_erasures');
      const beforeIdentify = answeredRecord(shownRecord({ anonymousId: 'anon-kim' }), 4);
      const identified = answeredRecord(shownRecord({ anonymousId: 'anon-kim', userId: 'kim' }), 2);
      const phone = answeredRecord(shownRecord({ anonymousId: 'anon-kim-phone', userId: 'kim' }), 9);
      await storeBatch(db, [beforeIdentify, identified, phone], webhooks);
      const before = Date.now();
      await eraseUser(db, 'kim', key);
      const { rows } = await db.query(`select identity_hash, erased_at from nps_erasures order by identity_hash`);
      const secret = await key();
      expect(rows.map((row) => row.identity_hash)).toEqual(
        [
          identityHash(secret, 'user', 'kim'),
          identityHash(secret, 'anonymous', 'anon-kim'),
          identityHash(secret, 'anonymous', 'anon-kim-phone'),
        ].sort(),
      );
      for (const row of rows) {
        expect(String(row.identity_hash)).toMatch(/^[0-9a-f]{64}$/);
        expect(millisOf(row.erased_at)).toBeGreaterThanOrEqual(before - 1000);
      }
      // Keyed: not the plain hash of the id, so nobody without the key can test an id against it.
      expect(rows.map((row) => row.identity_hash)).not.toContain(createHash('sha256').update('user:kim').digest('hex'));
      // The generated key is made once and kept: another collector on this database uses the same.
      expect((await erasureKey(db.query)()).equals(secret)).toBe(true);
      expect((await db.query('select count(*)::int as n from nps_erasure_key')).rows).toEqual([{ n: 1 }]);
      expect(secret).toHaveLength(32);
      // A given ERASURE_SECRET is the key as it is.
      const given = await erasureKey(db.query, 'an-erasure-secret-0123')();
      expect(given.toString()).toBe('an-erasure-secret-0123');
      // A later erasure of the same identity moves its time on.
      await db.query(`update nps_erasures set erased_at = erased_at - interval '1 day'`);
      await eraseUser(db, 'kim', key);
      const again = await db.query(`select min(erased_at) as at from nps_erasures where identity_hash = $1`, [
        identityHash(secret, 'user', 'kim'),
      ]);
      expect(millisOf(again.rows[0]?.at)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('refuses an empty or NUL-bearing user id', async () => {
      await expect(eraseUser(db, '', key)).rejects.toThrow('userId must be a non-empty string');
      await expect(eraseUser(db, 'a\u0000', key)).rejects.toThrow('NUL');
    });
  });

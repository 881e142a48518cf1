// Erasure sticks: after DELETE /api/users/:userId, the widget's outbox resending the erased records
// (a keepalive on page hide, a second tab) re-creates nothing and raises no alert; each such record
// is refused with `erased`. An answer shown after the erasure is new consent and is stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Database } from '../../../src/collector-entry';
import type { UserHistoryReply } from '../../../src/core/api-types';
import type { ResponseRecord } from '../../../src/core/wire';
import { scriptedFetch } from '../../helpers/alerts-fakes';
import { DATABASES, answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'erasure-sticks-token';
const MINUTE = 60_000;

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('erasure that sticks on ' + name, () => {
    let db: Database;
    let handle: ReturnType<typeof createCollector>;
    beforeAll(async () => {
      const fresh = await freshStore(url);
      db = fresh.db;
      handle = createCollector({
        store: fresh.store,
        dashboardToken: TOKEN,
        dashboardDir: dashboardFixture(),
        webhooks: [{ url: 'https://hooks.example.com/nps', on: 'answer', commentWaitSeconds: 0 }],
        alertDelivery: { fetch: scriptedFetch([200]).fetch, pollIntervalMs: 3_600_000 },
        log: () => {},
      });
    });
    afterAll(async () => {
      await handle.close();
      await db.close();
      removeDashboardFixtures();
    });
    beforeEach(() => db.query('truncate nps_responses, nps_alerts, nps_erasures cascade'));

    const call = (path: string, init: RequestInit = {}) =>
      handle(new Request(ORIGIN + path, { ...init, headers: { authorization: `Bearer ${TOKEN}` } }));
    const post = async (records: ResponseRecord[]) => {
      const res = await handle(
        new Request(`${ORIGIN}/api/nps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...batch(records), sentAt: new Date().toISOString() }),
        }),
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { rejected: { id: string; error: string }[] }).rejected;
    };
    const stored = async () =>
      (await db.query('select id::text as id from nps_responses order by id')).rows.map((row) => row.id);
    const alertsOf = async (ids: string[]) =>
      (await db.query('select count(*)::int as n from nps_alerts where response_id = any($1::uuid[])', [ids])).rows[0]
        ?.n;

    it('a resent batch of erased records is refused per record with `erased`: nothing re-created, no alert', async () => {
      const now = Date.now();
      const anonymous = answered(shown({ anonymousId: 'anon-erin' }, now - 5 * MINUTE), 3);
      const erin = answered(shown({ anonymousId: 'anon-erin', userId: 'erin' }, now - 4 * MINUTE), 2, {
        comment: 'Slow',
      });
      const bob = answered(shown({ anonymousId: 'anon-erin', userId: 'bob' }, now - 3 * MINUTE), 9);
      const finn = answered(shown({ anonymousId: 'anon-finn', userId: 'finn' }, now - 3 * MINUTE), 1);
      const erased = [anonymous, erin];
      expect(await post([...erased, bob, finn])).toEqual([]);
      expect(await alertsOf(erased.map((r) => r.id))).toBe(2);

      const res = await call('/api/users/erin', { method: 'DELETE' });
      expect(await res.json()).toEqual({ deleted: 2 });

      // The outbox resends the whole batch, twice (a keepalive and a second tab).
      for (let i = 0; i < 2; i++) {
        expect(await post([...erased, bob, finn])).toEqual(erased.map((r) => ({ id: r.id, error: 'erased' })));
      }
      // A newer version of an erased record (the comment typed before the erasure) is refused too.
      expect(
        await post([answered(shown({ ...anonymous }), 3, { comment: 'late', updatedAt: new Date(now).toISOString() })]),
      ).toEqual([{ id: anonymous.id, error: 'erased' }]);
      expect(await stored()).toEqual([bob.id, finn.id].sort());
      expect(await alertsOf(erased.map((r) => r.id))).toBe(0);
      const history = (await (await call('/api/users/erin')).json()) as UserHistoryReply;
      expect(history.responses).toEqual([]);
    });

    it('an answer shown after the erasure is stored, from the same user and the same browser', async () => {
      const before = answered(shown({ anonymousId: 'anon-dee', userId: 'dee' }, Date.now() - MINUTE), 4);
      expect(await post([before])).toEqual([]);
      expect(await (await call('/api/users?userId=dee', { method: 'DELETE' })).json()).toEqual({ deleted: 1 });
      const later = Date.now() + 1000;
      const again = answered(shown({ anonymousId: 'anon-dee', userId: 'dee' }, later), 8);
      const anonymousAgain = answered(shown({ anonymousId: 'anon-dee' }, later), 6);
      expect(await post([before, again, anonymousAgain])).toEqual([{ id: before.id, error: 'erased' }]);
      expect(await stored()).toEqual([again.id, anonymousAgain.id].sort());
      expect(await alertsOf([again.id, anonymousAgain.id])).toBe(2);
    });
  });

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, ResponseStore } from '../../../src/collector-entry';
import { answered, DATABASES, freshStore, shown } from '../fixtures';

// Findings of the adversarial review that live in storage, on every database the tests can reach.
for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('store regressions on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_responses, nps_dashboard_sessions cascade'));

    it("keeps a record's anonymousId from its first write: a version with another one is refused", async () => {
      const first = shown({ anonymousId: 'anon-owner' });
      expect(await store.upsert([first])).toEqual({ written: 1, rejected: [], alerts: 0 });
      const takeover = answered({ ...first, anonymousId: 'anon-attacker' }, 0, { comment: 'planted' });
      const reply = await store.upsert([takeover, shown()]);
      expect(reply.written).toBe(1);
      expect(reply.rejected).toEqual([{ id: first.id, error: expect.stringMatching(/anonymousId differs/) }]);
      const [stored] = await store
        .list({ status: 'shown', limit: 1000 })
        .then((rs) => rs.filter((r) => r.id == first.id));
      expect(stored).toMatchObject({ status: 'shown', anonymousId: 'anon-owner', comment: null });
      // The owner's own next version still applies.
      expect((await store.upsert([answered(first, 9)])).written).toBe(1);
    });

    it('orders listings by server receive order, not by client ids or clocks', async () => {
      const spam = Array.from({ length: 200 }, (_, i) =>
        shown({
          id: `ffffffff-ffff-7fff-bfff-${String(i).padStart(12, '0')}`,
          shownAt: '2026-11-23T23:59:00Z',
          updatedAt: '2026-11-23T23:59:00Z',
        }),
      );
      await store.upsert(spam);
      const real = answered(shown({}, Date.parse('2026-01-01T00:00:00Z')), 1, { comment: 'real complaint' });
      await store.upsert([real]);
      const [newest] = await store.list({ limit: 1 });
      expect(newest).toMatchObject({ id: real.id, comment: 'real complaint' });
      const seconds = (Date.parse(newest!.receivedAt) - Date.now()) / 1000;
      expect(Math.abs(seconds)).toBeLessThan(60);
    });

    it('lists at most 50 stages and sums the rest as "other"; a real "(none)" stage stays apart from records without one', async () => {
      const records = Array.from({ length: 60 }, (_, i) =>
        answered(shown({ stage: 'junk-' + String(i).padStart(2, '0') }), 9),
      );
      records.push(
        answered(shown({ stage: '(none)' }), 0),
        answered(shown({ stage: '(none)' }), 0),
        answered(shown(), 10),
        answered(shown(), 10),
        answered(shown(), 10),
      );
      await store.upsert(records);
      const { byStage, total } = await store.stats();
      expect(total).toBe(65);
      expect(Object.keys(byStage)).toHaveLength(52);
      expect(byStage['(none)']).toMatchObject({ total: 3, promoters: 3, detractors: 0 });
      expect(byStage['"(none)"']).toMatchObject({ total: 2, detractors: 2 });
      expect(byStage.other).toMatchObject({ total: 11, promoters: 11 });
      expect(Object.values(byStage).reduce((n, f) => n + f.total, 0)).toBe(65);
    });

    it('names as stages only filter values: each selects exactly its group, never "other" or a quoted label', async () => {
      const records = Array.from({ length: 55 }, (_, i) =>
        answered(shown({ stage: 's' + String(i).padStart(2, '0') }), 9),
      );
      for (const stage of ['other', 'other', '(none)', 's00']) records.push(answered(shown({ stage }), 3));
      records.push(answered(shown(), 10));
      await store.upsert(records);
      const { byStage, stages } = await store.stats();
      expect(Object.keys(byStage)).toEqual(expect.arrayContaining(['other', '"other"', '"(none)"', '(none)']));
      expect(stages).toContain('other'); // the real stage, unquoted
      expect(stages).toContain('(none)'); // records without a stage
      expect(stages.filter((s) => s.startsWith('"'))).toEqual([]);
      expect(stages).toHaveLength(50); // (none) and 49 real stages listed by name; the real "(none)" cannot be filtered apart
      for (const stage of stages) {
        const label = stage == 'other' ? '"other"' : stage;
        expect((await store.stats({ stage })).total, stage).toBe(byStage[label]!.total);
      }
    });

    it('keeps sessions until they expire, and revokes them', async () => {
      const now = Date.parse('2026-11-24T00:00:00Z');
      await store.createSession('hash-1', 'token-a', new Date(now + 1000));
      expect(await store.hasSession('hash-1', 'token-a', new Date(now))).toBe(true);
      expect(await store.hasSession('hash-1', 'token-b', new Date(now))).toBe(false);
      expect(await store.hasSession('hash-1', 'token-a', new Date(now + 1000))).toBe(false);
      await store.deleteSession('hash-1');
      expect(await store.hasSession('hash-1', 'token-a', new Date(now))).toBe(false);
    });
  });

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Database, type ResponseStore } from '../../../src/collector-entry';
import { answered, DATABASES, freshStore, shown } from '../fixtures';
import { setFollowUp } from '../../../src/collector/follow-up/set-follow-up';
import { MIGRATIONS } from '../../../src/collector/store/migrations';

const DAY = 86_400_000;
const MON = Date.parse('2026-11-16T09:00:00Z'); // Monday of 2026-W47

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('response store on ' + name, () => {
    let db: Database;
    let store: ResponseStore;
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    it('migrates idempotently', async () => {
      // Every step once: the version is the number of steps (9 with version 3's themes, alert flood control, erasure tombstones and rollups).
      expect(MIGRATIONS.length).toBe(9);
      expect(await migrate(db)).toBe(MIGRATIONS.length);
      const { rows } = await db.query('select version from nps_schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    });

    it('computes figures overall, by stage and by ISO week, with filters', async () => {
      const records = [
        answered(shown({ stage: 'checkout' }, MON), 10),
        answered(shown({ stage: 'checkout' }, MON + DAY), 9),
        answered(shown({ stage: 'checkout' }, MON + 2 * DAY), 3),
        shown({ stage: 'checkout' }, MON + 3 * DAY),
        answered(shown({ stage: 'onboarded' }, MON + 7 * DAY), 7),
        answered(shown({ stage: 'onboarded' }, MON + 8 * DAY), 0),
        { ...shown({}, MON + 9 * DAY), status: 'dismissed' as const },
      ];
      expect(await store.upsert(records)).toEqual({ written: 7, rejected: [], alerts: 0 });
      const s = await store.stats();
      expect(s).toMatchObject({
        total: 5,
        promoters: 2,
        passives: 1,
        detractors: 2,
        shown: 7,
        nps: 0,
        responseRate: 0.7143,
      });
      // Adjusted Wald (README "Statistics"): ñ = 5 + 3 = 8, p̃ = d̃ = 2.75 / 8 = .34375, s² = .6875 − 0² = .6875,
      // s² / ñ = .0859375, √ = .29315, × 1.96 × 100 = 57.46 → 57.5
      expect(s.marginOfError).toBe(57.5);
      expect(Object.keys(s.byStage)).toEqual(['(none)', 'checkout', 'onboarded']);
      expect(s.byStage.checkout).toMatchObject({ nps: 33.3, total: 3, shown: 4, responseRate: 0.75 });
      expect(s.byStage.onboarded).toMatchObject({ nps: -50, total: 2, passives: 1, detractors: 1 });
      expect(s.byStage['(none)']).toMatchObject({ total: 0, shown: 1 });
      expect(s.byWeek.map((w) => [w.week, w.nps, w.total, w.shown])).toEqual([
        ['2026-W47', 33.3, 3, 4],
        ['2026-W48', -50, 2, 3],
      ]);

      expect(await store.stats({ stage: 'onboarded' })).toMatchObject({
        total: 2,
        nps: -50,
        byStage: { onboarded: { total: 2 } },
      });
      expect(await store.stats({ stage: '(none)' })).toMatchObject({ total: 0, shown: 1 });
      const week2 = await store.stats({ from: new Date(MON + 7 * DAY - 9 * 3600_000) });
      expect(week2.byWeek.map((w) => w.week)).toEqual(['2026-W48']);
      const firstTwoDays = await store.stats({ to: new Date(MON + 2 * DAY - 9 * 3600_000) });
      expect(firstTwoDays).toMatchObject({ total: 2, nps: 100 });
    });

    it('applies versions in any order, one statement per batch, under concurrency', async () => {
      const base = Array.from({ length: 40 }, (_, i) => shown({ stage: 's' + (i % 3) }));
      const scored = base.map((r, i) => answered(r, i % 11));
      const commented = scored.map((r) => ({
        ...r,
        comment: 'final ' + r.id,
        updatedAt: new Date(Date.parse(r.updatedAt) + 1000).toISOString(),
      }));
      const dismissedLater = base.map((r) => ({
        ...r,
        status: 'dismissed' as const,
        updatedAt: new Date(Date.parse(r.updatedAt) + 9000).toISOString(),
      }));
      await Promise.all(
        [commented, base, dismissedLater, scored, commented, base, scored].map((rs) => store.upsert(rs)),
      );
      const rows = await store.list({ limit: 1000 });
      expect(rows).toHaveLength(40);
      for (const r of rows) expect(r).toMatchObject({ status: 'answered', comment: 'final ' + r.id });
    });

    it('keeps the winner when one batch holds several versions of an id', async () => {
      const r = shown();
      const a = answered(r, 8);
      expect(await store.upsert([a, r, { ...r, status: 'dismissed' }])).toEqual({
        written: 1,
        rejected: [],
        alerts: 0,
      });
      expect(await store.list()).toMatchObject([{ id: r.id, status: 'answered', score: 8 }]);
    });

    it('lists newest first in receive order with filters and paging, and records follow-up state', async () => {
      const rs = Array.from({ length: 5 }, (_, i) => answered(shown({}, MON + i * 1000), i < 3 ? 2 : 9));
      for (const r of rs) await store.upsert([r]);
      const detractors = await store.list({ category: 'detractor' });
      expect(detractors.map((r) => r.id)).toEqual([rs[2].id, rs[1].id, rs[0].id]);
      const page2 = await store.list({ category: 'detractor', limit: 2, afterSequence: detractors[1].sequence });
      expect(page2.map((r) => r.id)).toEqual([rs[0].id]);
      expect(detractors[0].receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const done = await setFollowUp(
        store.db.query,
        rs[1].id,
        { status: 'contacted', note: 'Called; fixed the export' },
        'sam',
      );
      expect(done).toMatchObject({
        status: 'contacted',
        note: 'Called; fixed the export',
        owner: null,
        history: [{ status: 'contacted', by: 'sam' }],
      });
      // A newer version of the record keeps the follow-up state (and moves to the top: it was received last).
      await store.upsert([
        { ...rs[1], comment: 'later', updatedAt: new Date(Date.parse(rs[1].updatedAt) + 1000).toISOString() },
      ]);
      expect((await store.list({ category: 'detractor' }))[0]).toMatchObject({
        id: rs[1].id,
        comment: 'later',
        followUp: { status: 'contacted' },
      });
      expect(await store.get('01890a5d-ac96-774b-bcce-b302099a8057')).toBeUndefined();
      expect((await store.get(rs[0].id))?.followUp).toEqual({
        status: 'open',
        owner: null,
        note: null,
        updatedAt: null,
        history: [],
      });
    });

    it('stores text exactly, including quotes, HTML and non-Latin scripts', async () => {
      const comment = `'); drop table nps_responses; -- <script>alert(1)</script> "ü" 日本 🚀`;
      const r = answered(shown({ traits: { name: "O'Brien", nested: [1, { a: null }] } }), 5, { comment });
      await store.upsert([r]);
      expect(await store.list()).toMatchObject([{ comment, traits: { name: "O'Brien", nested: [1, { a: null }] } }]);
      expect(await store.count()).toBe(1);
    });

    it("keeps a record's anonymousId from its first write: a version with another one is refused", async () => {
      const first = shown({ anonymousId: 'anon-owner' });
      expect(await store.upsert([first])).toEqual({ written: 1, rejected: [], alerts: 0 });
      const takeover = answered({ ...first, anonymousId: 'anon-attacker' }, 0, { comment: 'planted' });
      const reply = await store.upsert([takeover, shown()]);
      expect(reply.written).toBe(1);
      expect(reply.rejected).toEqual([{ id: first.id, error: expect.stringMatching(/anonymousId differs/) }]);
      const [stored] = await store
        .list({ status: 'shown', limit: 1000 })
        .then((rs) => rs.filter((r) => r.id === first.id));
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
      const seconds = (Date.parse(newest.receivedAt) - Date.now()) / 1000;
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
        const label = stage === 'other' ? '"other"' : stage;
        expect((await store.stats({ stage })).total, stage).toBe(byStage[label].total);
      }
    });
  });

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { followUpMetrics } from '../../../src/collector/follow-up/follow-up-metrics';
import { followUpsOf, followUpStatusSql } from '../../../src/collector/follow-up/follow-ups-of';
import { isRecovered, recoveredDetractors } from '../../../src/collector/follow-up/recovered-detractors';
import { parseFollowUpPatch, setFollowUp } from '../../../src/collector/follow-up/set-follow-up';
import { openAlertsDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { fakeClock } from '../../helpers/alerts-fakes';
import { DATABASES, answered as answeredRecord, shown as shownRecord, present } from '../fixtures';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T10:00:00.000Z');

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('follow-up workflow on ' + name, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await openAlertsDatabase(url);
    });
    afterAll(() => db?.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    it('keeps every change as history, and owner and note unless changed', async () => {
      const detractor = answeredRecord(shownRecord({}, T0), 3);
      await storeBatch(db, [detractor], []);
      const clock = fakeClock(T0 + 2 * HOUR);
      expect((await followUpsOf(db.query, [detractor.id])).get(detractor.id)).toEqual({
        status: 'open',
        owner: null,
        note: null,
        updatedAt: null,
        history: [],
      });

      await setFollowUp(
        db.query,
        detractor.id,
        { status: 'contacted', owner: 'sam', note: 'Called, will fix' },
        'dashboard',
        clock.now,
      );
      clock.advance(HOUR);
      const resolved = await setFollowUp(db.query, detractor.id, { status: 'resolved' }, 'ops-bot', clock.now);
      expect(resolved).toEqual({
        status: 'resolved',
        owner: 'sam',
        note: 'Called, will fix',
        updatedAt: '2026-11-23T13:00:00.000Z',
        history: [
          {
            status: 'contacted',
            owner: 'sam',
            note: 'Called, will fix',
            by: 'dashboard',
            at: '2026-11-23T12:00:00.000Z',
          },
          { status: 'resolved', owner: 'sam', note: 'Called, will fix', by: 'ops-bot', at: '2026-11-23T13:00:00.000Z' },
        ],
      });
      clock.advance(HOUR);
      const reopened = await setFollowUp(
        db.query,
        detractor.id,
        { status: 'open', owner: null, note: 'Came back' },
        'dashboard',
        clock.now,
      );
      expect(reopened).toMatchObject({ status: 'open', owner: null, note: 'Came back' });
      expect(present(reopened).history).toHaveLength(3);
      await expect(db.query(`update nps_follow_up_history set note = 'rewritten'`)).rejects.toThrow(/append-only/);
    });

    it('answers undefined for an unknown or malformed id, and refuses bad changes by name', async () => {
      expect(
        await setFollowUp(db.query, '0190a0a0-0000-7000-8000-000000000000', { status: 'contacted' }, 'dashboard'),
      ).toBeUndefined();
      expect(await setFollowUp(db.query, 'not-a-uuid', { status: 'contacted' }, 'dashboard')).toBeUndefined();
      const r = answeredRecord(shownRecord(), 2);
      await storeBatch(db, [r], []);
      await expect(setFollowUp(db.query, r.id, { status: 'closed' as 'open' }, 'dashboard')).rejects.toThrow(
        'status must be one of open, contacted, resolved',
      );
      await expect(setFollowUp(db.query, r.id, { status: 'open', note: 'a\u0000b' }, 'dashboard')).rejects.toThrow(
        'note must not contain a NUL',
      );
      await expect(
        setFollowUp(db.query, r.id, { status: 'open', owner: 'x'.repeat(201) }, 'dashboard'),
      ).rejects.toThrow('owner must be at most 200');
    });

    it('filters by follow-up status with followUpStatusSql', async () => {
      const [a, b] = [answeredRecord(shownRecord(), 1), answeredRecord(shownRecord(), 2)];
      await storeBatch(db, [a, b], []);
      await setFollowUp(db.query, b.id, { status: 'contacted' }, 'dashboard');
      const withStatus = async (status: string) =>
        (
          await db.query(`select id::text as id from nps_responses r where ${followUpStatusSql('r.id')} = $1`, [status])
        ).rows.map((row) => row.id);
      expect(await withStatus('open')).toEqual([a.id]);
      expect(await withStatus('contacted')).toEqual([b.id]);
    });

    it('measures the share of detractors contacted and the median time to first contact', async () => {
      // Four detractors answered at T0 + 1 s; contacted after 2 h and 6 h, one straight to resolved
      // after 10 h; one never. A promoter contacted does not count.
      const detractors = [0, 3, 5, 6].map((score) => answeredRecord(shownRecord({ stage: 'checkout' }, T0), score));
      const promoter = answeredRecord(shownRecord({}, T0), 10);
      await storeBatch(db, [...detractors, promoter], []);
      const answeredAt = T0 + 1000;
      const at = (ms: number) => () => answeredAt + ms;
      await setFollowUp(db.query, detractors[0].id, { status: 'contacted' }, 'dashboard', at(2 * HOUR));
      await setFollowUp(db.query, detractors[0].id, { status: 'resolved' }, 'dashboard', at(30 * HOUR)); // not a first contact
      await setFollowUp(db.query, detractors[1].id, { status: 'contacted' }, 'dashboard', at(6 * HOUR));
      await setFollowUp(db.query, detractors[2].id, { status: 'resolved' }, 'dashboard', at(10 * HOUR));
      await setFollowUp(db.query, promoter.id, { status: 'contacted' }, 'dashboard', at(HOUR));
      // Contacted 3 of 4 = .75; first contacts after 2, 6 and 10 h: the median is 6.
      expect(await followUpMetrics(db.query)).toEqual({
        detractors: 4,
        contacted: 3,
        contactedShare: 0.75,
        medianHoursToContact: 6,
      });
      expect(await followUpMetrics(db.query, { stage: 'checkout' })).toMatchObject({ detractors: 4 });
      expect(await followUpMetrics(db.query, { stage: null })).toEqual({
        detractors: 0,
        contacted: 0,
        contactedShare: 0,
        medianHoursToContact: null,
      });
      expect(await followUpMetrics(db.query, { from: new Date(T0 + HOUR) })).toMatchObject({ detractors: 0 });
      expect(await followUpMetrics(db.query, { from: new Date(T0), to: new Date(T0 + HOUR) })).toMatchObject({
        detractors: 4,
      });
    });

    it('finds detractors who came back with a better answer', async () => {
      const day = 86_400_000;
      const answer = (userId: string, score: number, at: number) =>
        answeredRecord(shownRecord({ userId, anonymousId: 'anon-' + userId }, at), score);
      await storeBatch(
        db,
        [
          answer('won-back', 2, T0),
          answer('won-back', 9, T0 + 30 * day),
          answer('passive-now', 5, T0),
          answer('passive-now', 10, T0 + day),
          answer('passive-now', 8, T0 + 40 * day),
          answer('still-unhappy', 9, T0),
          answer('still-unhappy', 3, T0 + day),
          answer('always-happy', 10, T0),
          answer('always-happy', 9, T0 + day),
          answer('once', 1, T0),
        ],
        [],
      );
      const all = await recoveredDetractors(db.query);
      expect(all).toEqual({
        count: 2,
        users: [
          {
            userId: 'passive-now',
            firstDetractorAt: new Date(T0 + 1000).toISOString(),
            latestScore: 8,
            latestAt: new Date(T0 + 40 * day + 1000).toISOString(),
          },
          {
            userId: 'won-back',
            firstDetractorAt: new Date(T0 + 1000).toISOString(),
            latestScore: 9,
            latestAt: new Date(T0 + 30 * day + 1000).toISOString(),
          },
        ],
      });
      expect(await recoveredDetractors(db.query, { to: new Date(T0 + 35 * day) })).toMatchObject({
        count: 1,
        users: [{ userId: 'won-back' }],
      });
      expect(await recoveredDetractors(db.query, { limit: 1 })).toMatchObject({
        count: 2,
        users: [{ userId: 'passive-now' }],
      });
    });
  });

describe('parseFollowUpPatch', () => {
  it('accepts a status with optional owner and note', () => {
    expect(parseFollowUpPatch({ followUp: { status: 'contacted', note: 'Called' } })).toEqual({
      status: 'contacted',
      note: 'Called',
    });
    expect(parseFollowUpPatch({ followUp: { status: 'open', owner: null } })).toEqual({ status: 'open', owner: null });
  });

  it('names what is wrong', () => {
    expect(() => parseFollowUpPatch({ followedUp: true })).toThrow(
      'followUp must be an object { status, owner?, note? }',
    );
    expect(() => parseFollowUpPatch(null)).toThrow('followUp must be an object');
    expect(() => parseFollowUpPatch({ followUp: { status: 'done' } })).toThrow(
      'followUp.status must be one of open, contacted, resolved',
    );
    expect(() => parseFollowUpPatch({ followUp: { status: 'open', owner: 7 } })).toThrow(
      'followUp.owner must be a string or null',
    );
    expect(() => parseFollowUpPatch({ followUp: { status: 'open', note: 'x'.repeat(4001) } })).toThrow(
      'followUp.note must be at most 4000 characters',
    );
    expect(() => parseFollowUpPatch({ followUp: { status: 'open', colour: 'red' } })).toThrow(
      'followUp.colour is not a follow-up field',
    );
  });
});

describe('isRecovered', () => {
  const answer = (category: string) => ({ status: 'answered', category });
  it('holds when an earlier answer was a detractor and the latest is not', () => {
    expect(isRecovered([answer('detractor'), answer('passive')])).toBe(true);
    expect(isRecovered([answer('detractor'), answer('promoter'), { status: 'shown' }])).toBe(true);
    expect(isRecovered([answer('promoter'), answer('detractor')])).toBe(false);
    expect(isRecovered([answer('passive')])).toBe(false);
    expect(isRecovered([answer('detractor')])).toBe(false);
    expect(isRecovered([])).toBe(false);
  });
});

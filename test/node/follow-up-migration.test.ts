import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_MIGRATIONS } from '../../src/collector/alerts/alert-migrations';
import { followUpsOf } from '../../src/collector/follow-up/follow-ups-of';
import { FOLLOW_UP_MIGRATIONS } from '../../src/collector/follow-up/follow-up-migrations';
import { ALERT_DATABASES, answeredRecord, openAlertsDatabase, runSteps, shownRecord, storeBatch, type TestDatabase } from '../helpers/alerts-db';

for (const { name, url, skip } of ALERT_DATABASES) describe.skipIf(skip)('follow-up migration on ' + name, () => {
  let db: TestDatabase | undefined;
  afterEach(() => db?.close());

  it("moves version 1's followed-up tick, note and time into the new model without loss", async () => {
    db = await openAlertsDatabase({ url, migrated: false });
    const [ticked, noteOnly, untouched] = [answeredRecord(shownRecord(), 2), answeredRecord(shownRecord(), 5), answeredRecord(shownRecord(), 9)];
    await storeBatch(db, [ticked, noteOnly, untouched], []);
    // What version 1's PATCH left behind.
    await db.query(`update nps_responses set followed_up = true, follow_up_note = 'Called them', followed_up_at = '2026-11-24T08:00:00Z' where id = $1`, [ticked.id]);
    await db.query(`update nps_responses set follow_up_note = 'Try again Monday' where id = $1`, [noteOnly.id]);

    await runSteps(db, [...ALERT_MIGRATIONS, ...FOLLOW_UP_MIGRATIONS]);

    const followUps = await followUpsOf(db.query, [ticked.id, noteOnly.id, untouched.id]);
    expect(followUps.get(ticked.id)).toEqual({
      status: 'contacted', owner: null, note: 'Called them', updatedAt: '2026-11-24T08:00:00.000Z',
      history: [{ status: 'contacted', owner: null, note: 'Called them', by: 'version 1', at: '2026-11-24T08:00:00.000Z' }],
    });
    expect(followUps.get(noteOnly.id)).toMatchObject({ status: 'open', note: 'Try again Monday', history: [{ status: 'open', by: 'version 1' }] });
    expect(followUps.get(untouched.id)).toEqual({ status: 'open', owner: null, note: null, updatedAt: null, history: [] });
    const columns = await db.query(`select column_name from information_schema.columns where table_name = 'nps_responses' and table_schema = current_schema()`);
    expect(columns.rows.map((c) => c.column_name)).not.toContain('followed_up');
  });
});

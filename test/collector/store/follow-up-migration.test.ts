import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/collector/store/database';
import { followUpsOf } from '../../../src/collector/follow-up/follow-ups-of';
import { statementsOf } from '../../../src/collector/store/migrate';
import { MIGRATIONS } from '../../../src/collector/store/migrations';
import { openEmptyDatabase, storeBatch, type TestDatabase } from '../../helpers/alerts-db';
import { DATABASES, answered as answeredRecord, shown as shownRecord } from '../fixtures';

// Version 1's responses table (step 1, with its followed_up columns), plus the receive order the
// collector's upsert writes (step 2), so the rows go in through the product's own store.
const BEFORE_FOLLOW_UP = MIGRATIONS.slice(0, 2);
// The alert outbox, then the follow-up workflow that takes over version 1's columns.
const FROM_ALERTS_ON = MIGRATIONS.slice(2);

/** Runs migration steps as `migrate` runs them (its statements, one by one), without its bookkeeping. */
const runSteps = (db: Database, steps: readonly string[]) =>
  db.transaction(async (query) => {
    for (const step of steps) for (const statement of statementsOf(step)) await query(statement);
  });

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('follow-up migration on ' + name, () => {
    let db: TestDatabase | undefined;
    afterEach(() => db?.close());

    it("moves version 1's followed-up tick, note and time into the new model without loss", async () => {
      db = await openEmptyDatabase(url);
      await runSteps(db, BEFORE_FOLLOW_UP);
      const [ticked, noteOnly, untouched] = [
        answeredRecord(shownRecord(), 2),
        answeredRecord(shownRecord(), 5),
        answeredRecord(shownRecord(), 9),
      ];
      await storeBatch(db, [ticked, noteOnly, untouched], []);
      // What version 1's PATCH left behind.
      await db.query(
        `update nps_responses set followed_up = true, follow_up_note = 'Called them', followed_up_at = '2026-11-24T08:00:00Z' where id = $1`,
        [ticked.id],
      );
      await db.query(`update nps_responses set follow_up_note = 'Try again Monday' where id = $1`, [noteOnly.id]);

      await runSteps(db, FROM_ALERTS_ON);

      const followUps = await followUpsOf(db.query, [ticked.id, noteOnly.id, untouched.id]);
      expect(followUps.get(ticked.id)).toEqual({
        status: 'contacted',
        owner: null,
        note: 'Called them',
        updatedAt: '2026-11-24T08:00:00.000Z',
        history: [
          { status: 'contacted', owner: null, note: 'Called them', by: 'version 1', at: '2026-11-24T08:00:00.000Z' },
        ],
      });
      expect(followUps.get(noteOnly.id)).toMatchObject({
        status: 'open',
        note: 'Try again Monday',
        history: [{ status: 'open', by: 'version 1' }],
      });
      expect(followUps.get(untouched.id)).toEqual({
        status: 'open',
        owner: null,
        note: null,
        updatedAt: null,
        history: [],
      });
      const columns = await db.query(
        `select column_name from information_schema.columns where table_name = 'nps_responses' and table_schema = current_schema()`,
      );
      expect(columns.rows.map((c) => c.column_name)).not.toContain('followed_up');
    });
  });

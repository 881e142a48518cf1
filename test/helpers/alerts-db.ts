/**
 * Databases for the alert and follow-up tests: the collector's own, opened, migrated and written
 * through the product (`openDatabase`, `migrate`, `createResponseStore`) by test/collector/fixtures.ts.
 */
import type { Webhook } from '../../src/collector/alerts/webhook-options';
import { createResponseStore, openDatabase, type Database } from '../../src/collector-entry';
import type { ResponseRecord } from '../../src/core/wire';
import { freshDatabase, freshStore } from '../collector/fixtures';

/** A test database; on PostgreSQL, `scopedUrl` opens more connections to its schema. */
export type TestDatabase = Database & { scopedUrl?: string };

/** A migrated, empty database: PGlite in memory, or a throwaway schema on the server at `url`. */
export async function openAlertsDatabase(url?: string): Promise<TestDatabase> {
  const { db, scopedUrl } = await freshStore(url);
  return Object.assign(db, { scopedUrl });
}

/** An empty database without any migration step, for tests of the steps themselves. */
export async function openEmptyDatabase(url?: string): Promise<TestDatabase> {
  const { db, scopedUrl } = await freshDatabase(url);
  return Object.assign(db, { scopedUrl });
}

/** A second connection to the PostgreSQL schema of `db` (as a second collector process would have). */
export function openSecondConnection(db: TestDatabase): Promise<Database> {
  if (db.scopedUrl === undefined) throw new Error('openSecondConnection needs a PostgreSQL test database');
  return openDatabase({ url: db.scopedUrl });
}

/**
 * Stores a batch the way the collector does: the response store's upsert, which records the alerts
 * in the same transaction.
 * @returns alerts created or updated
 */
export async function storeBatch(
  db: Database,
  records: readonly ResponseRecord[],
  webhooks: readonly Webhook[],
): Promise<number> {
  return (await createResponseStore(db).upsert(records, webhooks)).alerts;
}

/** A later version of `r` carrying a comment. */
export function commentedRecord(r: ResponseRecord, comment: string): ResponseRecord {
  return { ...r, comment, updatedAt: new Date(Date.parse(r.updatedAt) + 1000).toISOString() };
}

const interval = `($1::float8 * interval '1 millisecond')`;

/**
 * Lets `ms` pass for the alert delivery loop, which reads the database's clock: every alert's times
 * move back by `ms`, so what was due in `ms` is due now and what was raised `ms` earlier is older.
 */
export async function letTimePass(db: Database, ms: number): Promise<void> {
  await db.query(
    `update nps_alerts set created_at = created_at - ${interval}, next_attempt_at = next_attempt_at - ${interval},
       delivered_at = delivered_at - ${interval}`,
    [ms],
  );
}

/**
 * The database's clock, in whole milliseconds since the epoch: timestamps read back come as JS Dates,
 * cut to the millisecond, so a reading with microseconds could put a wait up to 1 ms out of its bounds.
 */
export async function databaseNow(db: Database): Promise<number> {
  const { rows } = await db.query(`select floor(extract(epoch from now()) * 1000)::float8 as now`);
  const [row] = rows;
  if (row === undefined) throw new Error('databaseNow: the database returned no row');
  return Number(row.now);
}

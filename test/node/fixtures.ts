import { uuidv7 } from '../../src/core/ids';
import type { ResponseRecord } from '../../src/core/wire';
import { categoryOf } from '../../src/core/nps-score';
import { openDatabase, type Database } from '../../demo/collector/open-database.mjs';
import { migrate } from '../../demo/collector/migrate.mjs';
import { createResponseStore } from '../../demo/collector/response-store.mjs';

const newId = uuidv7();
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A valid wire record; `at` is its shownAt, and versions are 1 s apart. */
export function shown(over: Partial<ResponseRecord> = {}, at = T0): ResponseRecord {
  return {
    id: newId(),
    status: 'shown',
    anonymousId: 'anon-1',
    locale: 'en',
    page: 'http://127.0.0.1/app',
    shownAt: iso(at),
    updatedAt: iso(at),
    sdk: 'nps-widget@0.1.0',
    ...over,
  };
}

/** The answered version of `r` (one second later unless `updatedAt` is given). */
export function answered(r: ResponseRecord, score: number, over: Partial<ResponseRecord> = {}): ResponseRecord {
  const t = Date.parse(r.updatedAt) + 1000;
  return { ...r, status: 'answered', score, category: categoryOf(score), answeredAt: iso(t), updatedAt: iso(t), ...over };
}

/** A wire batch. */
export const batch = (responses: unknown[]) => ({ v: 1, sentAt: iso(T0), responses });

/** Databases to run storage tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set (else skipped, saying why). */
export const DATABASES: { name: string; url?: string; skip: boolean }[] = [
  { name: 'PGlite', skip: false },
  process.env.TEST_DATABASE_URL
    ? { name: 'PostgreSQL', url: process.env.TEST_DATABASE_URL, skip: false }
    : { name: 'PostgreSQL (skipped: TEST_DATABASE_URL is not set; .ci/run starts a server and sets it)', skip: true },
];

/** A migrated, empty database and its store. Real PostgreSQL is shared, so its table is emptied. */
export async function freshStore(url?: string): Promise<{ db: Database; store: ReturnType<typeof createResponseStore> }> {
  const db = await openDatabase({ url, dataDir: 'memory://' });
  await migrate(db);
  if (url) await db.query('truncate nps_responses');
  return { db, store: createResponseStore(db) };
}

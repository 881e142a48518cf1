/**
 * Databases for the alert and follow-up tests: PGlite in memory, or a throwaway schema on the
 * PostgreSQL server of TEST_DATABASE_URL, both with the `{ query, transaction, close }` shape of the
 * collector's `Database`, migrated with the version-1 schema and then the alert and follow-up steps.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ALERT_MIGRATIONS } from '../../src/collector/alerts/alert-migrations';
import type { Query } from '../../src/collector/alerts/queryable';
import { ALERT_SOURCE_COLUMNS, recordAlerts, type AlertSource } from '../../src/collector/alerts/record-alerts';
import type { Webhook } from '../../src/collector/alerts/webhook-options';
import { FOLLOW_UP_MIGRATIONS } from '../../src/collector/follow-up/follow-up-migrations';
import { uuidv7 } from '../../src/core/ids';
import { categoryOf } from '../../src/core/nps-score';
import type { ResponseRecord } from '../../src/core/wire';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  query: Query;
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PostgreSQL only: the schema this database lives in, for {@link openAlertsDatabase}'s `schema`. */
  schema?: string;
}

/** PGlite always; PostgreSQL when TEST_DATABASE_URL is set (else skipped, saying why). */
export const ALERT_DATABASES: { name: string; url?: string; skip: boolean }[] = [
  { name: 'PGlite', skip: false },
  process.env.TEST_DATABASE_URL
    ? { name: 'PostgreSQL', url: process.env.TEST_DATABASE_URL, skip: false }
    : { name: 'PostgreSQL (skipped: TEST_DATABASE_URL is not set; .ci/run starts a server and sets it)', skip: true },
];

/** `nps_responses` as version 1 of the collector shipped it: the schema the new steps must upgrade. */
export const VERSION_1_SCHEMA = `create table nps_responses (
     id uuid primary key,
     status text not null check (status in ('shown', 'answered', 'dismissed')),
     score smallint check (score between 0 and 10),
     category text check (category in ('detractor', 'passive', 'promoter')),
     comment text,
     user_id text,
     anonymous_id text not null,
     traits jsonb,
     stage text,
     metadata jsonb,
     locale text not null,
     page text not null,
     shown_at timestamptz not null,
     answered_at timestamptz,
     updated_at timestamptz not null,
     sdk text not null,
     received_at timestamptz not null default now(),
     writes integer not null default 1,
     followed_up boolean not null default false,
     follow_up_note text,
     followed_up_at timestamptz
   );
   create index nps_responses_shown_at on nps_responses (shown_at);
   create index nps_responses_stage on nps_responses (stage, shown_at);`;

/** Runs migration steps the way the collector's `migrate` does: statements split at `;` ending a line. */
export async function runSteps(db: TestDatabase, steps: readonly string[]): Promise<void> {
  await db.transaction(async (query) => {
    for (const step of steps) for (const statement of step.split(/;\s*$/m).filter((s) => s.trim())) await query(statement);
  });
}

/**
 * Opens an empty database. With `url`, a new schema on that server (dropped again by `close`), or
 * the given `schema` (a second connection to another test database, left in place by `close`).
 * `migrated: false` stops after the version-1 schema.
 */
export async function openAlertsDatabase({ url, schema, migrated = true }: { url?: string; schema?: string; migrated?: boolean } = {}): Promise<TestDatabase> {
  const db = url ? await openPostgres(url, schema) : await openPglite();
  if (!schema) {
    await runSteps(db, [VERSION_1_SCHEMA]);
    if (migrated) await runSteps(db, [...ALERT_MIGRATIONS, ...FOLLOW_UP_MIGRATIONS]);
  }
  return db;
}

async function openPglite(): Promise<TestDatabase> {
  const db = await PGlite.create('memory://');
  return {
    kind: 'pglite',
    query: (sql, params) => db.query<Record<string, unknown>>(sql, params),
    transaction: (fn) => db.transaction((tx) => fn((sql, params) => tx.query<Record<string, unknown>>(sql, params))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, existing?: string): Promise<TestDatabase> {
  const schema = existing ?? `alerts_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (!existing) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 5, options: `-c search_path=${schema}` });
  return {
    kind: 'postgres',
    schema,
    query: (sql, params) => pool.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn((sql, params) => client.query(sql, params));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (!existing) await pool.query(`drop schema ${schema} cascade`);
      await pool.end();
    },
  };
}

// The version-1 upsert rule (newest updatedAt wins, answered never downgraded), returning what won.
const UPSERT = `insert into nps_responses as r
  (id, status, score, category, comment, user_id, anonymous_id, traits, stage, metadata, locale, page,
   shown_at, answered_at, updated_at, sdk)
select id, status, score, category, comment, "userId", "anonymousId", traits, stage, metadata, locale, page,
   "shownAt", "answeredAt", "updatedAt", sdk
from jsonb_to_recordset($1::jsonb) as t(id uuid, status text, score smallint, category text, comment text,
  "userId" text, "anonymousId" text, traits jsonb, stage text, metadata jsonb, locale text, page text,
  "shownAt" timestamptz, "answeredAt" timestamptz, "updatedAt" timestamptz, sdk text)
on conflict (id) do update set
  status = excluded.status, score = excluded.score, category = excluded.category, comment = excluded.comment,
  user_id = excluded.user_id, anonymous_id = excluded.anonymous_id, traits = excluded.traits,
  stage = excluded.stage, metadata = excluded.metadata, locale = excluded.locale, page = excluded.page,
  shown_at = excluded.shown_at, answered_at = excluded.answered_at, updated_at = excluded.updated_at,
  sdk = excluded.sdk, received_at = now(), writes = r.writes + 1
where (excluded.status = 'answered', excluded.updated_at) > (r.status = 'answered', r.updated_at)
returning ${ALERT_SOURCE_COLUMNS}`;

/**
 * Stores a batch the way the collector will: the upsert and `recordAlerts` in one transaction.
 * @returns alerts created or updated
 */
export function storeBatch(db: TestDatabase, records: readonly ResponseRecord[], webhooks: readonly Webhook[]): Promise<number> {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  return db.transaction(async (query) => {
    const { rows } = await query(UPSERT, [JSON.stringify(sorted)]);
    return recordAlerts(query, rows as unknown as AlertSource[], webhooks);
  });
}

const newId = uuidv7();
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A shown record; `at` is its shownAt. */
export function shownRecord(over: Partial<ResponseRecord> = {}, at = T0): ResponseRecord {
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

/** The answered version of `r`, one second later (or `later` ms). */
export function answeredRecord(r: ResponseRecord, score: number, over: Partial<ResponseRecord> = {}, later = 1000): ResponseRecord {
  const t = Date.parse(r.updatedAt) + later;
  return { ...r, status: 'answered', score, category: categoryOf(score), answeredAt: iso(t), updatedAt: iso(t), ...over };
}

/** A later version of `r` carrying a comment. */
export function commentedRecord(r: ResponseRecord, comment: string): ResponseRecord {
  return { ...r, comment, updatedAt: iso(Date.parse(r.updatedAt) + 1000) };
}

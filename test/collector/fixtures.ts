import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../../src/core/ids';
import type { ResponseRecord } from '../../src/core/wire';
import { categoryOf } from '../../src/core/nps-score';
import {
  openDatabase,
  migrate,
  createResponseStore,
  type Database,
  type ResponseStore,
} from '../../src/collector-entry';

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
  return {
    ...r,
    status: 'answered',
    score,
    category: categoryOf(score),
    answeredAt: iso(t),
    updatedAt: iso(t),
    ...over,
  };
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

let schemas = 0;

// The statement guard is 5 s by default; the suite runs node and browser tests side by side on 2 cores,
// where a PGlite statement queued behind a big one can wait longer without anything being wrong. The
// guard itself is pinned by database-timeouts.test.ts, with its own short limits.
const UNDER_LOAD = { statementTimeoutMs: 30_000, connectionTimeoutMs: 30_000 };

/**
 * An empty, unmigrated database. On a real PostgreSQL server each call gets its own schema (dropped
 * on close), so test files running in parallel never see each other's rows; `scopedUrl` opens more
 * connections to that schema.
 */
export async function freshDatabase(url?: string): Promise<{ db: Database; scopedUrl?: string }> {
  if (!url) return { db: await openDatabase({ dataDir: 'memory://', ...UNDER_LOAD }) };
  const schema = `test_${process.pid}_${++schemas}_${Date.now()}`;
  const admin = await openDatabase({ url });
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase({ url: scoped.href, ...UNDER_LOAD });
  const close = db.close;
  db.close = async () => {
    await close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.close();
  };
  return { db, scopedUrl: scoped.href };
}

/** A migrated, empty database (see {@link freshDatabase}) and its store. */
export async function freshStore(url?: string): Promise<{ db: Database; store: ResponseStore; scopedUrl?: string }> {
  const { db, scopedUrl } = await freshDatabase(url);
  await migrate(db);
  return { db, store: createResponseStore(db), scopedUrl };
}

const fixtureDirs: string[] = [];

/** Removes the folders {@link dashboardFixture} made (call in afterAll). */
export function removeDashboardFixtures(): void {
  for (const dir of fixtureDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A stand-in for the built dashboard (dist/dashboard/): a temporary folder with its pages, assets of
 * every served type, and a file that must never be served. Returns its path.
 */
export function dashboardFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nps-dashboard-fixture-'));
  fixtureDirs.push(dir);
  const files: Record<string, string> = {
    'index.html':
      '<!doctype html><title>NPS dashboard</title><script src="/dashboard/dashboard.js" type="module"></script>',
    'login.html':
      '<!doctype html><title>Sign in</title><form method="post" action="/login"><input name="token"></form>',
    'dashboard.js': 'console.log("dashboard")',
    'dashboard.js.map': '{"version":3}',
    'dashboard.css': 'body{margin:0}',
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'chart.png': '\x89PNG',
    'secret.txt': 'never served',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * `value`, which the test expects to be there (a header, a found row, an optional field): fails the
 * test when it is null or undefined.
 * @example present(res.headers.get('set-cookie'))
 */
export function present<T>(value: T | null | undefined): T {
  if (value == null) throw new Error(`expected a value, got ${value}`);
  return value;
}

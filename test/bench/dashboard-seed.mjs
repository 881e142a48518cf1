// @ts-check
// Seeding for `npm run bench:dashboard`: through the store's own upsert, in order, resumable. The
// progress lives in the bench's database (table bench_seed), so a seeding cut short by --seed-minutes
// (or Ctrl+C) goes on at the next run, and a finished one is reused.

import { dataSet, responsesBetween } from './dashboard-data.mjs';

/**
 * The bench's webhook: alerts are recorded with the responses (what a collector with a webhook
 * stores), never delivered (nothing runs the delivery loop here).
 */
export const BENCH_WEBHOOK = {
  url: 'http://127.0.0.1:9/bench-hook',
  secret: null,
  on: /** @type {const} */ ('detractor'),
  format: /** @type {const} */ ('json'),
  // No limit and no wait: the bench counts what ingest costs, not how alerts are paced.
  maxPerMinute: 1_000_000,
  commentWaitMs: 0,
  key: 'http://127.0.0.1:9 bench',
};

/**
 * The data set stored in `db` (made on the first run: its end is the first run's clock), and how many
 * of its responses are stored so far.
 * @param {import('nps-widget/collector').Database} db
 * @param {number} total
 */
export async function seedState(db, total) {
  await db.query(
    'create table if not exists bench_seed (total bigint primary key, seeded bigint not null, end_ms float8 not null, follow_ups integer not null default 0)',
  );
  await db.query('insert into bench_seed (total, seeded, end_ms) values ($1, 0, $2) on conflict (total) do nothing', [
    total,
    Date.now(),
  ]);
  const { rows } = await db.query('select seeded, end_ms, follow_ups from bench_seed where total = $1', [total]);
  const row = rows[0] ?? {};
  return { set: dataSet(total, Number(row.end_ms)), seeded: Number(row.seeded), followUps: Number(row.follow_ups) };
}

/**
 * Stores the rest of the data set through `store.upsert`, `batch` records at a time from
 * `concurrency` callers, until it is complete or `deadline` (ms) has passed. Returns what it did.
 * @param {{ db: import('nps-widget/collector').Database, store: import('nps-widget/collector').ResponseStore,
 *   total: number, batch: number, concurrency: number, deadline: number, log: (line: string) => void }} o
 */
export async function seed({ db, store, total, batch, concurrency, deadline, log }) {
  const { set, seeded } = await seedState(db, total);
  let next = seeded;
  let done = seeded;
  const started = performance.now();
  let lastLog = started;
  let lastTidy = started;
  const inFlight = new Set();
  async function caller() {
    while (next < total && Date.now() < deadline) {
      const from = next;
      next += batch;
      inFlight.add(from);
      await store.upsert(responsesBetween(set, from, from + batch), [BENCH_WEBHOOK]);
      inFlight.delete(from);
      // Progress is what every earlier batch has reached: a batch still in flight may be retried.
      const lowest = inFlight.size ? Math.min(...inFlight) : next;
      if (lowest > done) {
        done = Math.min(lowest, total);
        await db.query('update bench_seed set seeded = greatest(seeded, $2) where total = $1', [total, done]);
      }
      // PGlite has no autovacuum: the collector refreshes the planner's statistics every 10 minutes,
      // and so does the seeding (without them, growing tables are read whole where an index would do).
      if (db.kind === 'pglite' && performance.now() - lastTidy > 120_000) {
        lastTidy = performance.now();
        await db.query('analyze');
      }
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        const rate = (done - seeded) / ((lastLog - started) / 1000);
        log(`  seeded ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${rate.toFixed(0)} records/s)`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, caller));
  const seconds = (performance.now() - started) / 1000;
  return { set, seeded: done, added: done - seeded, seconds };
}

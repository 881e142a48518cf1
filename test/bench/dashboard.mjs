// @ts-check
// `npm run bench:dashboard`: the dashboard's reads at scale (run `npm run build` first; not a timed
// test). Seeds N responses through the store's own upsert (PGlite in --data-dir by default,
// PostgreSQL with DATABASE_URL; resumable: see dashboard-seed.mjs), then times every GET route the
// dashboard uses through a collector on 127.0.0.1 (median and p95), and ingest with the rollups kept.
// Usage: npm run bench:dashboard -- --n 1000000 [--runs 20] [--limit-seconds 60] [--seed-minutes 600]
//   [--data-dir .bench-data/dashboard-1000000] [--out results.json] [--skip-ingest] [--skip '^segments$']
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as collectorPackage from 'nps-widget/collector';
import { readRoutes, timeReads } from './dashboard-reads.mjs';
import { seed, seedState } from './dashboard-seed.mjs';
import { measureIngest } from './dashboard-ingest.mjs';

const { createCollector, createResponseStore, migrate, openDatabase, toNodeListener } = collectorPackage;
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
    'limit-seconds': { type: 'string', default: '60' },
    'seed-minutes': { type: 'string', default: '600' },
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    'skip-ingest': { type: 'boolean', default: false },
    skip: { type: 'string' },
  },
});
const total = Number(values.n);
const url = process.env.DATABASE_URL || undefined;
const dataDir = values['data-dir'] ?? `.bench-data/dashboard-${total}`;
const SEGMENT_KEYS = ['plan', 'country', 'email'];
const log = (/** @type {string} */ line) => console.log(line);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

log(
  `bench:dashboard: ${total.toLocaleString('en')} responses on ${url ? 'PostgreSQL' : `PGlite in ${dataDir}`} (load ${load()})`,
);
const db = await openDatabase({ url, dataDir, statementTimeoutMs: 0 });
let started = performance.now();
await migrate(db);
log(`  migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const store = createResponseStore(db);
// Version 3 rolls up declared keys; declared before seeding, they are kept from the first response on.
const declare = /** @type {any} */ (collectorPackage).declareSegmentKeys;
if (typeof declare === 'function') await declare(db, SEGMENT_KEYS);

const seeding = await seed({
  db,
  store,
  total,
  batch: url ? 1000 : 500,
  concurrency: url ? 4 : 1,
  deadline: Date.now() + Number(values['seed-minutes']) * 60_000,
  log,
});
log(
  `  seeded ${seeding.added.toLocaleString('en')} now (${(seeding.added / seeding.seconds || 0).toFixed(0)} records/s), ${seeding.seeded.toLocaleString('en')} of ${total.toLocaleString('en')} in all`,
);
if (seeding.seeded < total) {
  log('  seeding is not complete: run again to go on');
  await db.close();
  process.exit(2);
}

const token = 'bench-dashboard-token-0123456789';
const collector = createCollector({
  store,
  dashboardToken: token,
  segmentKeys: SEGMENT_KEYS,
  rateLimit: { limit: 1e9, windowMs: 1000 },
});
const server = createServer({ keepAliveTimeout: 60_000 }, toNodeListener(collector));
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

// Follow-ups: 1,000 detractors contacted, once per data set.
const state = await seedState(db, total);
if (!state.followUps) {
  const { rows } = await db.query(
    `select id::text from nps_responses where category = 'detractor' order by id limit 1000`,
  );
  for (const [index, row] of rows.entries())
    await fetch(`${base}/api/responses/${row.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ followUp: { status: index % 4 ? 'contacted' : 'resolved', owner: 'bench' } }),
    });
  await db.query('update bench_seed set follow_ups = $2 where total = $1', [total, rows.length]);
}

log(`reads (${values.runs} runs each after a warm-up; load ${load()})`);
started = performance.now();
// --skip: routes left out by name (a pattern), e.g. one that blocks the event loop of an older version.
const skipped = values.skip ? new RegExp(values.skip) : undefined;
const routes = readRoutes(seeding.set).filter((route) => !skipped?.test(route.name));
const reads = await timeReads(base, token, routes, {
  runs: Number(values.runs),
  limitMs: Number(values['limit-seconds']) * 1000,
  log,
});
log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
const ingest = values['skip-ingest'] ? undefined : await measureIngest({ db, store, log });

server.closeAllConnections();
server.close();
await collector.close();
await db.close();

const ms = (/** @type {number | undefined} */ x) => (x === undefined ? '' : x < 10 ? x.toFixed(1) : x.toFixed(0));
log(`\n| route | median | p95 |\n|---|---:|---:|`);
for (const r of reads)
  log(
    `| \`GET ${r.path.replace(/cursor=[^&]+/, 'cursor=…')}\` (${r.name}) | ${r.overLimit ? `> ${r.limitMs / 1000} s` : `${ms(r.median)} ms`} | ${r.overLimit ? '' : `${ms(r.p95)} ms`} |`,
  );
if (ingest)
  log(
    `\ningest: ${ingest.recordsPerSecond.toFixed(0)} records/s (${ingest.records} records in batches of 50 from 20 callers, 10% resent, answers as a second version), duplicates: ${ingest.duplicates}`,
  );
log(`load at the end: ${load()}`);
if (values.out)
  writeFileSync(
    values.out,
    JSON.stringify({ total, storage: url ? 'postgres' : 'pglite', reads, ingest, seeding }, null, 2),
  );

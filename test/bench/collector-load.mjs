// @ts-check
// Load check of the collector package, imported as a team would (run `npm run build` first; not a timed test): 20,000 records in batches of 50 from 20
// concurrent clients, 10% of the batches sent a second time, against a collector on 127.0.0.1 with
// PGlite in a temp folder (or the PostgreSQL test database in TEST_DATABASE_URL, whose table it
// empties). Reports what was stored, the duplicates, throughput and p50/p95 latency.
// Usage: npm run bench:collector [-- --records 20000 --batch 50 --clients 20 --resend 0.1]
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCollector, createResponseStore, migrate, openDatabase, toNodeListener } from 'nps-widget/collector';
import { prng, seedRecords } from '../../demo/seed-data.mjs';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '50' },
    clients: { type: 'string', default: '20' },
    resend: { type: 'string', default: '0.1' },
  },
});
const RECORDS = Number(values.records),
  BATCH = Number(values.batch),
  CLIENTS = Number(values.clients),
  RESEND = Number(values.resend);

const dataDir = mkdtempSync(join(tmpdir(), 'nps-collector-load-'));
const db = await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir });
await migrate(db);
if (process.env.TEST_DATABASE_URL) await db.query('truncate nps_responses, nps_dashboard_sessions cascade');
const store = createResponseStore(db);
const collector = createCollector({
  store,
  dashboardToken: 'bench',
  rateLimit: { limit: 1e9, windowMs: 1000 },
  maxBodyBytes: 1 << 20,
});
const server = createServer({ keepAliveTimeout: 30_000 }, toNodeListener(collector));
await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/api/nps`;

const records = seedRecords({ count: RECORDS, origin: 'https://app.example.com', seed: 1 });
/** @type {object[][]} */
const batches = [];
for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));
// Resends: a random tenth of the batches again, mixed into the queue after their first send.
const random = prng(99);
const queue = batches.map((b) => ({ b, resend: false }));
for (const b of batches) {
  if (random() >= RESEND) continue;
  const first = queue.findIndex((q) => q.b === b);
  queue.splice(first + 1 + Math.floor(random() * (queue.length / 4)), 0, { b, resend: true });
}

/** @type {number[]} */
const latencies = [];
let next = 0,
  sentRecords = 0,
  resentRecords = 0,
  rejected = 0,
  failures = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (next < queue.length) {
      const item = queue[next++];
      const body = JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: item.b });
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const reply = await res.json();
      latencies.push(performance.now() - t);
      if (!res.ok) failures++;
      else rejected += reply.rejected.length;
      sentRecords += item.b.length;
      if (item.resend) resentRecords += item.b.length;
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;

const { rows } = await db.query(
  'select count(*)::int as stored, count(distinct id)::int as ids, (count(*) filter (where writes > 1))::int as rewritten from nps_responses',
);
const counts = /** @type {{ stored: number, ids: number, rewritten: number }} */ (rows[0]);
const unique = new Set(records.map((r) => /** @type {{ id: string }} */ (r).id)).size;
latencies.sort((a, b) => a - b);
const pct = (/** @type {number} */ p) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
const stats = await store.stats();

console.log(`collector load check (${db.kind}${process.env.TEST_DATABASE_URL ? '' : ' in ' + dataDir})`);
console.log(
  `  sent        ${sentRecords} records in ${latencies.length} requests (${resentRecords} records resent), ${CLIENTS} concurrent clients`,
);
console.log(
  `  stored      ${counts.stored} rows for ${unique} unique ids; duplicates: ${counts.stored - unique}; rows rewritten by a resend: ${counts.rewritten}`,
);
console.log(
  `  answers     ${stats.total} (NPS ${stats.nps} ± ${stats.marginOfError}), shown ${stats.shown}; rejected ${rejected}; failed requests ${failures}`,
);
console.log(
  `  throughput  ${(sentRecords / seconds).toFixed(0)} records/s, ${(latencies.length / seconds).toFixed(1)} requests/s (${seconds.toFixed(2)} s)`,
);
console.log(
  `  latency     p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms per request`,
);

server.closeAllConnections();
server.close();
await db.close();
rmSync(dataDir, { recursive: true, force: true });
if (counts.stored !== unique || failures || rejected) process.exit(1);

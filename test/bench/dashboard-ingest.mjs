// @ts-check
// Ingest on top of the bench's data set, with the rollups kept: 20,000 new responses from 20 callers
// of the store's upsert in batches of 50, their answers (30%) as a second version later in the queue,
// and 10% of the batches sent a second time.

import { prng, uuidv7At } from '../../demo/seed-data.mjs';
import { BENCH_WEBHOOK } from './dashboard-seed.mjs';

/**
 * @param {{ db: import('nps-widget/collector').Database, store: import('nps-widget/collector').ResponseStore,
 *   log: (line: string) => void, records?: number, clients?: number, batch?: number }} o
 */
export async function measureIngest({ db, store, log, records = 20_000, clients = 20, batch = 50 }) {
  const random = prng(Date.now() % 1e9);
  const now = Date.now();
  const shown = [];
  /** @type {import('nps-widget/collector').ResponseRecord[]} */
  const answers = [];
  for (let i = 0; i < records; i++) {
    const at = now - Math.floor(random() * 3_600_000);
    const user = Math.floor(random() * 100_000);
    const record = {
      id: uuidv7At(at, random),
      status: /** @type {'shown' | 'answered'} */ ('shown'),
      userId: `ingest-user-${user}`,
      anonymousId: `ingest-anon-${user}`,
      traits: { plan: ['free', 'pro', 'team'][i % 3], country: 'DE', email: `ingest-${now}-${i}@example.com` },
      stage: 'checkout',
      locale: 'en',
      page: 'https://app.example.com/',
      shownAt: new Date(at).toISOString(),
      updatedAt: new Date(at).toISOString(),
      sdk: 'nps-widget@0.1.0',
    };
    shown.push(record);
    if (random() < 0.3) {
      const score = Math.floor(random() * 11);
      const answeredAt = new Date(at + 4000).toISOString();
      answers.push({
        ...record,
        status: 'answered',
        score,
        category: score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor',
        answeredAt,
        updatedAt: answeredAt,
      });
    }
  }
  const batches = [];
  for (let i = 0; i < shown.length; i += batch) batches.push(shown.slice(i, i + batch));
  /** @type {import('nps-widget/collector').ResponseRecord[][]} */
  const answerBatches = [];
  for (let i = 0; i < answers.length; i += batch) answerBatches.push(answers.slice(i, i + batch));
  // Answers follow their impressions; a tenth of all batches is sent again a little later.
  const queue = [];
  batches.forEach((b, index) => {
    queue.push(b);
    if (index % 3 === 2 && answerBatches.length) queue.push(/** @type {any[]} */ (answerBatches.shift()));
  });
  queue.push(...answerBatches);
  /** @type {import('nps-widget/collector').ResponseRecord[][]} */
  const withResends = [];
  queue.forEach((b, index) => {
    withResends.push(b);
    if (index % 10 === 5) withResends.push(b);
  });
  let next = 0;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < withResends.length) {
        const b = withResends[next++];
        await store.upsert(b, [BENCH_WEBHOOK]);
        sent += b.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ids = shown.map((r) => r.id);
  const { rows } = await db.query(
    'select count(*)::int as stored, count(distinct id)::int as ids from nps_responses where id = any ($1::uuid[])',
    [ids],
  );
  const stored = Number(rows[0]?.stored ?? 0);
  const recordsPerSecond = sent / seconds;
  log(
    `  ingest: ${sent} records in ${seconds.toFixed(1)} s: ${recordsPerSecond.toFixed(0)} records/s; stored ${stored} rows for ${ids.length} ids`,
  );
  return {
    records: sent,
    seconds,
    recordsPerSecond,
    stored,
    duplicates: stored - Number(rows[0]?.ids ?? 0),
    missing: ids.length - stored,
  };
}

// @ts-check
// Timing of comment search and themes at scale (run `npm run build` first; not a timed test): seeds
// N responses through the store's own upsert (a year of them, in the order they were shown, about 30%
// with a comment, in five languages, with a long tail of rare words), then times `GET /api/themes`
// and `GET /api/responses?q=` through the collector's fetch handler: median and p95 of each, after
// two warm-up calls.
// PostgreSQL (TEST_DATABASE_URL, in a schema of its own, `bench_themes`) or PGlite (a folder).
// Usage: npm run bench:themes [-- --database postgres|pglite --responses 1000000 --runs 15 --keep
// --sample-size 20000]. --keep leaves the seeded data for the next run, which then skips seeding when
// the count matches; --sample-size is the collector's `themes.sampleSize`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCollector, createResponseStore, migrate, openDatabase } from 'nps-widget/collector';
import { prng, uuidv7At } from '../../demo/seed-data.mjs';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' },
    responses: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
    'sample-size': { type: 'string' },
  },
});
const RESPONSES = Number(values.responses);
const RUNS = Number(values.runs);
const SCHEMA = 'bench_themes';
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');

/** @returns {Promise<{ db: import('nps-widget/collector').Database, where: string, cleanUp: () => void }>} */
async function open() {
  if (values.database === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('--database postgres needs TEST_DATABASE_URL');
    const admin = await openDatabase({ url });
    await admin.query(`create schema if not exists ${SCHEMA}`);
    await admin.close();
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${SCHEMA}`);
    const db = await openDatabase({ url: scoped.href });
    return { db, where: `PostgreSQL, schema ${SCHEMA}`, cleanUp: () => {} };
  }
  const dataDir = values.keep ? join(tmpdir(), 'nps-bench-themes-pglite') : mkdtempSync(join(tmpdir(), 'nps-themes-'));
  const db = await openDatabase({ dataDir });
  return {
    db,
    where: `PGlite in ${dataDir}`,
    cleanUp: () => values.keep || rmSync(dataDir, { recursive: true, force: true }),
  };
}

// Comments: a subject, what it does, sometimes why, in the prompt's language; a tenth with a rare
// word from a long tail of 20,000 (names, typos, jargon), as real comments have.
const SUBJECTS = [
  'the mobile app',
  'the editor',
  'search',
  'sync',
  'the board view',
  'notifications',
  'the import',
  'checkout',
  'the calendar',
  'reports',
  'the API',
  'exports',
  'the timeline',
  'support',
  'onboarding',
  'billing',
  'the desktop app',
  'sharing',
  'comments',
  'dark mode',
  'shipping',
  'the pricing page',
  'templates',
  'the dashboard',
];
const SAYS = {
  detractor: [
    'is slow',
    'keeps crashing',
    'lost my data',
    'is too expensive',
    'is confusing',
    'never works',
    'takes ages to load',
    'is buggy since the update',
    'is missing basic features',
    'was late again',
  ],
  passive: ['is fine', 'does the job', 'could be faster', 'is okay but basic', 'works most of the time'],
  promoter: [
    'is fast',
    'saves me hours',
    'just works',
    'is a joy to use',
    'is great',
    'helps the whole team',
    'is beautifully designed',
    'keeps us on track',
  ],
};
const WHY = [
  'for our team',
  'every single day',
  'since last week',
  'on my phone',
  'with large projects',
  'when I travel',
  'for client work',
  'compared to the old tool',
];
const FOREIGN = {
  de: {
    detractor: 'Die App ist zu langsam und zu teuer.',
    passive: 'Ganz gut.',
    promoter: 'Die Vorlagen sparen viel Zeit.',
  },
  fr: { detractor: "L'application est trop lente.", passive: 'Correct.', promoter: 'Le support est génial.' },
  es: {
    detractor: 'La aplicación es demasiado lenta.',
    passive: 'Está bien.',
    promoter: 'Las plantillas son geniales.',
  },
  ja: { detractor: 'アプリが遅すぎます。', passive: '悪くないです。', promoter: 'とても便利です。' },
};
const LOCALES = /** @type {const} */ (['en', 'en', 'en', 'en', 'de', 'fr', 'es', 'ja']);
const SYLLABLES = ['ka', 'lo', 'mir', 'ven', 'ta', 'sul', 'rex', 'on', 'bi', 'dra', 'qu', 'zel', 'po', 'nix', 'ar'];

/** The n-th word of the long tail. @param {number} n */
function rareWord(n) {
  return SYLLABLES[n % 15] + SYLLABLES[Math.floor(n / 15) % 15] + SYLLABLES[Math.floor(n / 225) % 15] + (n % 89);
}

/** @param {() => number} random @param {'detractor' | 'passive' | 'promoter'} category @param {string} locale */
function commentOf(random, category, locale) {
  const pick = /** @type {<T>(a: readonly T[]) => T} */ ((a) => a[Math.floor(random() * a.length)]);
  if (locale !== 'en') return FOREIGN[/** @type {keyof typeof FOREIGN} */ (locale)][category];
  const subject = pick(SUBJECTS);
  let text = `${subject[0].toUpperCase()}${subject.slice(1)} ${pick(SAYS[category])}`;
  if (random() < 0.5) text += ` ${pick(WHY)}`;
  if (random() < 0.3) text += `, and ${pick(SUBJECTS)} ${pick(SAYS[category])}`;
  if (random() < 0.1) text += ` (${rareWord(Math.floor(random() * 20_000))})`;
  return `${text}.`;
}

/**
 * `count` wire records from `first` on, over the year before NOW, in the order they were shown (give
 * or take a day), as they arrive at a real collector.
 * @param {number} first @param {number} count
 */
function records(first, count) {
  const random = prng(first + 1);
  const pick = /** @type {<T>(a: readonly T[]) => T} */ ((a) => a[Math.floor(random() * a.length)]);
  return Array.from({ length: count }, (_, i) => {
    const shownAt = Math.min(NOW, NOW - 365 * DAY + ((first + i) / RESPONSES) * 365 * DAY + random() * DAY);
    const user = first + i;
    const locale = pick(LOCALES);
    const base = {
      id: uuidv7At(shownAt, random),
      status: /** @type {'shown' | 'answered' | 'dismissed'} */ ('shown'),
      anonymousId: `anon-${user}`,
      userId: `user-${user}`,
      traits: { plan: pick(['free', 'pro', 'pro', 'team']) },
      stage: pick(['signed-up', 'onboarded', 'first-project', 'checkout']),
      locale,
      page: 'https://app.example.com/',
      shownAt: new Date(shownAt).toISOString(),
      updatedAt: new Date(shownAt).toISOString(),
      sdk: 'nps-widget@0.1.0',
    };
    if (random() < 0.5) return base;
    const score = Math.floor(random() * 11);
    const category = /** @type {'detractor' | 'passive' | 'promoter'} */ (
      score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter'
    );
    const at = new Date(shownAt + 5000).toISOString();
    const comment = random() < 0.6 ? commentOf(random, category, locale) : undefined;
    return {
      ...base,
      status: /** @type {const} */ ('answered'),
      score,
      category,
      comment,
      answeredAt: at,
      updatedAt: at,
    };
  });
}

/** Seeds RESPONSES records through the store's upsert, 1,000 a statement; returns records per second. */
async function seed(/** @type {import('nps-widget/collector').ResponseStore} */ store) {
  const started = performance.now();
  for (let first = 0; first < RESPONSES; first += 1000) {
    await store.upsert(records(first, Math.min(1000, RESPONSES - first)));
    if (first % 100_000 === 0 && first) console.log(`  seeded ${first.toLocaleString('en')}…`);
  }
  return RESPONSES / ((performance.now() - started) / 1000);
}

const { db, where, cleanUp } = await open();
console.log(
  `themes and search bench: ${where}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await migrate(db);
const store = createResponseStore(db);
const stored = Number((await db.query('select count(*)::int as n from nps_responses')).rows[0].n);
if (stored !== RESPONSES) {
  await db.query('truncate nps_responses cascade');
  console.log(`  seeding ${RESPONSES.toLocaleString('en')} responses through the upsert…`);
  const rate = await seed(store);
  await db.query('analyze nps_responses');
  console.log(`  seeded at ${rate.toFixed(0)} records/s (one client, 1,000 records a statement)`);
} else console.log(`  reusing ${stored.toLocaleString('en')} stored responses`);
const comments = Number((await db.query('select count(comment)::int as n from nps_responses')).rows[0].n);
console.log(`  ${comments.toLocaleString('en')} of them with a comment`);

const sampleSize = values['sample-size'] ? Number(values['sample-size']) : undefined;
const collector = createCollector({ store, dashboardToken: 'bench', log: console.error, themes: { sampleSize } });
const day = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
const month = `from=${day(NOW - 30 * DAY)}&to=${day(NOW - DAY)}`;
const listing = 'status=answered&hasComment=true&limit=20';
const ROUTES = [
  '/api/themes',
  `/api/themes?${month}`,
  '/api/themes?stage=checkout',
  '/api/themes?segment=plan&value=team',
  `/api/responses?${listing}&q=slow`,
  `/api/responses?${listing}&q=${encodeURIComponent('"mobile app"')}&stage=checkout&${month}`,
  `/api/responses?${listing}&q=${rareWord(1234)}&category=detractor`,
  `/api/responses?${listing}&q=${encodeURIComponent('zu langsam')}`,
];

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log('\n| route | median ms | p95 ms | reply |\n|---|---:|---:|---|');
for (const path of ROUTES) {
  const times = [];
  let summary = '';
  for (let run = -2; run < RUNS; run++) {
    const started = performance.now();
    const res = await collector(new Request(`http://127.0.0.1${path}`, { headers: { authorization: 'Bearer bench' } }));
    const body = await res.json();
    if (run >= 0) times.push(performance.now() - started);
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
    summary = body.responses
      ? `${body.responses.length} responses`
      : `${body.comments.detractors + body.comments.passives + body.comments.promoters} comments compared, ` +
        `${body.detractors.length} + ${body.promoters.length} terms (${[...body.detractors.slice(0, 3), ...body.promoters.slice(0, 2)].map((t) => t.text).join(', ')})`;
  }
  times.sort((a, b) => a - b);
  console.log(
    `| \`${path}\` | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${summary} |`,
  );
}
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await collector.close();
await db.close();
cleanUp();

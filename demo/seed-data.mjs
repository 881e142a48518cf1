// @ts-check
// Realistic fake responses for the dashboard screenshot, the demo (`node demo/seed.mjs`) and tests.

const STAGES = /** @type {const} */ ([
  ['signed-up', 0.35, [0.25, 0.35, 0.4]],
  ['onboarded', 0.55, [0.18, 0.3, 0.52]],
  ['first-project', 0.6, [0.1, 0.28, 0.62]],
  ['checkout', 0.3, [0.3, 0.3, 0.4]],
]);
const COMMENTS = {
  detractor: [
    'The import from our old tool lost all the due dates.',
    'Too expensive for a team of three.',
    'Notifications arrive twice, and the digest email is noise.',
    'Could not find how to archive a project. Spent 20 minutes.',
    'Checkout rejected my card twice before it worked.',
    'The mobile app is slow to load boards with many cards.',
  ],
  passive: [
    'Does the job. Timeline view would make it great.',
    'Fine, but I miss keyboard shortcuts.',
    'Good, the pricing page was confusing though.',
  ],
  promoter: [
    'Templates saved me a day of setup.',
    'Our whole team switched in a week. Love the board view.',
    'Fast, clean, and support answered in minutes.',
    'Best onboarding I have seen in a B2B tool.',
  ],
};
const LOCALES = ['en', 'en', 'en', 'de', 'fr', 'es', 'ja'];

/**
 * A small deterministic PRNG (mulberry32), so the same seed gives the same data set.
 * @param {number} seed
 */
export const prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * A UUIDv7 for time `ms` from `random`.
 * @param {number} ms
 * @param {() => number} random
 */
export function uuidv7At(ms, random) {
  const hex = (/** @type {number} */ n, /** @type {number} */ len) => Math.floor(n).toString(16).padStart(len, '0');
  const r = (/** @type {number} */ bits) => random() * 2 ** bits;
  const t = hex(ms, 12);
  return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(r(12), 3)}-${hex(8 + r(2), 1)}${hex(r(12), 3)}-${hex(r(48), 12)}`;
}

/**
 * `count` wire records spread over the last `weeks` weeks: impressions, dismissals and answers whose
 * mix differs by stage and improves week by week.
 * @param {{ count: number, weeks?: number, now?: number, seed?: number, origin?: string }} o
 * @returns {import('../src/core/wire.ts').ResponseRecord[]}
 */
export function seedRecords({ count, weeks = 10, now = Date.now(), seed = 42, origin = 'http://127.0.0.1:5173' }) {
  const random = prng(seed);
  const pick = /** @type {<T>(a: readonly T[]) => T} */ ((a) => a[Math.floor(random() * a.length)]);
  const records = [];
  for (let i = 0; i < count; i++) {
    const age = random() * weeks * 7 * 86_400_000;
    const shownAt = now - age;
    const [stage, answerRate, [d, p]] = pick(STAGES);
    const trend = (1 - age / (weeks * 7 * 86_400_000)) * 0.12; // newer weeks: fewer detractors
    const user = Math.floor(random() * 400);
    const base = {
      id: uuidv7At(shownAt, random),
      status: /** @type {'shown' | 'answered' | 'dismissed'} */ ('shown'),
      userId: 'user-' + user,
      anonymousId: 'anon-' + user,
      traits: { plan: pick(['free', 'pro', 'pro', 'team']) },
      stage,
      locale: pick(LOCALES),
      page: origin + '/',
      shownAt: new Date(shownAt).toISOString(),
      updatedAt: new Date(shownAt).toISOString(),
      sdk: 'nps-widget@0.1.0',
    };
    const roll = random();
    if (roll > answerRate) {
      records.push(
        roll > answerRate + (1 - answerRate) / 2
          ? { ...base, status: /** @type {const} */ ('dismissed'), updatedAt: new Date(shownAt + 4000).toISOString() }
          : base,
      );
      continue;
    }
    const c = random();
    const category = c < d - trend ? 'detractor' : c < d - trend + p ? 'passive' : 'promoter';
    const score =
      category === 'detractor'
        ? Math.floor(random() * 7)
        : category === 'passive'
          ? 7 + Math.floor(random() * 2)
          : 9 + Math.floor(random() * 2);
    const answeredAt = new Date(shownAt + 3000).toISOString();
    const comment = random() < 0.6 ? pick(COMMENTS[category]) : undefined;
    records.push({
      ...base,
      status: /** @type {const} */ ('answered'),
      score,
      category,
      comment,
      answeredAt,
      updatedAt: new Date(shownAt + 9000).toISOString(),
    });
  }
  return records;
}

/**
 * A detractor the team won back: `user-recovered` answered 3 with a comment five weeks ago, and 9 last
 * week (so the dashboard's "recovered detractors" has someone to show).
 * @param {{ now?: number, seed?: number, origin?: string }} [o]
 * @returns {import('../src/core/wire.ts').ResponseRecord[]}
 */
export function recoveredDetractorRecords({ now = Date.now(), seed = 43, origin = 'http://127.0.0.1:5173' } = {}) {
  const random = prng(seed);
  /** @param {number} daysAgo @param {number} score @param {string} [comment] */
  const answer = (daysAgo, score, comment) => {
    const shownAt = now - daysAgo * 86_400_000;
    const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();
    return {
      id: uuidv7At(shownAt, random),
      status: /** @type {const} */ ('answered'),
      score,
      category: /** @type {'detractor' | 'passive' | 'promoter'} */ (
        score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter'
      ),
      comment,
      userId: 'user-recovered',
      anonymousId: 'anon-recovered',
      traits: { plan: 'team' },
      stage: 'first-project',
      locale: 'en',
      page: origin + '/',
      shownAt: iso(shownAt),
      answeredAt: iso(shownAt + 3000),
      updatedAt: iso(shownAt + 9000),
      sdk: 'nps-widget@0.1.0',
    };
  };
  return [
    answer(35, 3, 'Sync lost my edits twice this week.'),
    answer(7, 9, 'Sync is solid since the update, thanks for calling.'),
  ];
}

/**
 * Follow-ups a team would have made: for the newest detractor answers with a comment, one resolved,
 * two contacted (`PATCH /api/responses/:id` bodies, with who made them for `X-NPS-Actor`).
 * @param {readonly import('../src/core/wire.ts').ResponseRecord[]} records
 * @returns {{ id: string, actor: string, patch: import('../src/core/api-types.ts').FollowUpPatch }[]}
 */
export function seedFollowUps(records) {
  const detractors = records
    .filter((r) => r.status === 'answered' && r.category === 'detractor' && r.comment)
    .sort((a, b) => (a.shownAt < b.shownAt ? 1 : -1))
    .slice(0, 3);
  const plans = [
    {
      status: /** @type {const} */ ('resolved'),
      owner: 'Ana',
      note: 'Called them: fixed in 2.4, re-ran their import.',
    },
    { status: /** @type {const} */ ('contacted'), owner: 'Sam', note: 'Emailed a workaround; waiting to hear back.' },
    { status: /** @type {const} */ ('contacted'), owner: 'Ana', note: 'Left a voicemail.' },
  ];
  return detractors.map((r, i) => ({
    id: r.id,
    actor: /** @type {string} */ (plans[i]?.owner),
    patch: { followUp: /** @type {(typeof plans)[number]} */ (plans[i]) },
  }));
}

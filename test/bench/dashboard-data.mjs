// @ts-check
// The responses `npm run bench:dashboard` stores: a deterministic function of their number, so a
// seeding that stopped can go on where it stopped, and every run of the bench reads the same data.

import { prng, uuidv7At } from '../../demo/seed-data.mjs';

const DAY = 86_400_000;
const STAGES = ['signed-up', 'onboarded', 'first-project', 'checkout'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const COUNTRIES = 'US DE FR GB ES IT NL SE PL BR CA AU JP IN MX CH AT BE DK NO'.split(' ');
const COMMENTS = [
  'The import lost all the due dates.',
  'Too expensive for a team of three.',
  'Does the job. Timeline view would make it great.',
  'Templates saved me a day of setup.',
  'Fast, clean, and support answered in minutes.',
];

/**
 * How the data set spreads: `total` responses over `days` days ending at `end` (ms).
 * @param {number} total
 * @param {number} end
 */
export function dataSet(total, end, days = 365) {
  const start = end - days * DAY;
  const users = Math.max(1000, Math.floor(total / 10));
  return { total, start, end, days, users };
}

/**
 * Response number `i` of a data set: shown at a time that grows with `i` (the data arrives in time
 * order, as a live site's does), 30% answered (a third of those with a comment), the rest
 * impressions; traits `plan` (4 values), `country` (20) and a unique `email`.
 * @param {{ total: number, start: number, end: number, users: number }} set
 * @param {number} i
 */
export function responseNumber(set, i) {
  const random = prng(i * 7919 + 17);
  const shownAt = set.start + Math.floor(((i + random()) / set.total) * (set.end - set.start));
  const user = Math.floor(random() * set.users);
  const base = {
    id: uuidv7At(shownAt, random),
    status: /** @type {'shown' | 'answered'} */ ('shown'),
    userId: `user-${user}`,
    anonymousId: `anon-${user}`,
    traits: {
      plan: PLANS[Math.floor(random() * random() * PLANS.length)],
      country: COUNTRIES[Math.floor(random() * random() * COUNTRIES.length)],
      email: `r${i}@example.com`,
    },
    stage: STAGES[Math.floor(random() * STAGES.length)],
    locale: 'en',
    page: 'https://app.example.com/',
    shownAt: new Date(shownAt).toISOString(),
    updatedAt: new Date(shownAt).toISOString(),
    sdk: 'nps-widget@0.1.0',
  };
  if (random() >= 0.3) return base;
  const score = Math.min(10, Math.floor(random() * 11.5));
  const category = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const answeredAt = new Date(shownAt + 5000).toISOString();
  const comment = random() < 1 / 3 ? COMMENTS[Math.floor(random() * COMMENTS.length)] : undefined;
  return {
    ...base,
    status: /** @type {const} */ ('answered'),
    score,
    category,
    comment,
    answeredAt,
    updatedAt: answeredAt,
  };
}

/**
 * Responses `from` to `to` (exclusive) of a data set.
 * @param {{ total: number, start: number, end: number, users: number }} set
 * @param {number} from
 * @param {number} to
 */
export function responsesBetween(set, from, to) {
  const records = [];
  for (let i = from; i < Math.min(to, set.total); i++) records.push(responseNumber(set, i));
  return records;
}

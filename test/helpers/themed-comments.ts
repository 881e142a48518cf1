import { uuidv7 } from '../../src/core/ids';
import type { Category, ResponseRecord } from '../../src/core/wire';

// A corpus with known themes, for the themes and search tests: detractors write about shipping,
// promoters about the editor, both about the product and the app. Every record is answered, in
// English, one a day back from `newest`.

const DETRACTORS = [
  'Shipping took three weeks and the product arrived late.',
  'The shipping was slow again, the app said it had shipped days ago.',
  'Slow shipping and nobody answered my emails.',
  'Shipping costs more than the product itself.',
  'My order shipped late and the tracking in the app never updated.',
  'Slow shipping is a mess, I gave up waiting.',
];
const PROMOTERS = [
  'The editor is fast and the product just works.',
  'Love the editor, it makes writing in the app a joy.',
  'The new editor saves me an hour a day.',
  'Great editor, great product, great team.',
  'The editor is the best part of the app.',
  'Everything I write starts in the editor now.',
];
const PASSIVES = ['Fine product, the app could be faster.', 'Does the job, nothing special about the product.'];

/** What {@link themedRecords} makes. */
export interface ThemedCorpusOptions {
  /** Detractor comments (cycling through six about shipping). @default 30 */
  detractors?: number;
  /** Promoter comments (cycling through six about the editor). @default 30 */
  promoters?: number;
  /** Passive comments. @default 10 */
  passives?: number;
  /** Detractor comments that also mention a refund (a term kept rare on purpose). @default 0 */
  refunds?: number;
  /** The newest record's `shownAt`; the others are a day apart before it. @default 2026-11-23T10:00:00Z */
  newest?: number;
  /** Fields every record gets (stage, traits, locale…). */
  fields?: Partial<ResponseRecord>;
}

const SCORES: Record<Category, number> = { detractor: 3, passive: 7, promoter: 10 };
const DAY = 86_400_000;

/**
 * Answered records with comments: `detractors` about shipping, `promoters` about the editor,
 * `passives` in between; `refunds` of the detractors end with "Still waiting for a refund.".
 * @example const records = themedRecords({ detractors: 30, promoters: 30 });
 */
export function themedRecords(options: ThemedCorpusOptions = {}): ResponseRecord[] {
  const { detractors = 30, promoters = 30, passives = 10, refunds = 0 } = options;
  const newest = options.newest ?? Date.parse('2026-11-23T10:00:00Z');
  const newId = uuidv7();
  const plan: [Category, string][] = [
    ...Array.from({ length: detractors }, (_, i): [Category, string] => [
      'detractor',
      DETRACTORS[i % DETRACTORS.length] + (i < refunds ? ' Still waiting for a refund.' : ''),
    ]),
    ...Array.from({ length: promoters }, (_, i): [Category, string] => ['promoter', PROMOTERS[i % PROMOTERS.length]]),
    ...Array.from({ length: passives }, (_, i): [Category, string] => ['passive', PASSIVES[i % PASSIVES.length]]),
  ];
  return plan.map(([category, comment], i) => {
    const shownAt = new Date(newest - i * DAY).toISOString();
    return {
      id: newId(),
      status: 'answered',
      score: SCORES[category],
      category,
      comment,
      anonymousId: `anon-themes-${i}`,
      locale: 'en',
      page: 'http://127.0.0.1/app',
      shownAt,
      answeredAt: shownAt,
      updatedAt: shownAt,
      sdk: 'nps-widget@0.1.0',
      ...options.fields,
    };
  });
}

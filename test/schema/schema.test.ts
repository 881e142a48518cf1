// @vitest-environment node
import { readFileSync } from 'node:fs';
import Ajv from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import type { Batch, ResponseRecord } from '../../src/core/wire';
import { CATEGORIES, categoryFor, MAX_SCORE, MIN_SCORE } from '../../src/core/nps-scale';
import { VERSION } from '../../src/core/version';

const schema = JSON.parse(readFileSync(new URL('../../src/schema/response.v1.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

const record: ResponseRecord = {
  id: '019ab0c2-8f00-7a3c-8d2e-1234567890ab',
  status: 'answered',
  score: 9,
  category: 'promoter',
  comment: 'Great',
  userId: 'user-42',
  anonymousId: '019ab0c2-0000-7000-8000-000000000000',
  traits: { plan: 'pro', seats: 3, beta: true, tags: ['a'], org: { id: null } },
  stage: 'checkout',
  metadata: { cart: 3 },
  locale: 'en',
  page: 'https://app.example.com/checkout',
  shownAt: '2026-11-23T10:00:00.000Z',
  answeredAt: '2026-11-23T10:00:05.000Z',
  updatedAt: '2026-11-23T10:00:09.000Z',
  sdk: `nps-widget@${VERSION}`,
};
const batch = (...responses: unknown[]) => ({ v: 1, sentAt: '2026-11-23T10:00:10.000Z', responses }) as Batch;
const shown = {
  ...record,
  status: 'shown' as const,
  score: undefined,
  category: undefined,
  comment: undefined,
  answeredAt: undefined,
};
const clean = (r: object) => JSON.parse(JSON.stringify(r));

describe('response.v1.json', () => {
  it('accepts answered, shown and dismissed records', () => {
    expect(validate(batch(record, clean(shown), clean({ ...shown, status: 'dismissed' })))).toBe(true);
    expect(
      validate(
        batch({
          ...record,
          userId: undefined,
          traits: undefined,
          metadata: undefined,
          stage: undefined,
          comment: undefined,
        }),
      ),
    ).toBe(true);
  });

  it.each([
    ['wrong version', { ...batch(record), v: 2 }],
    ['no records', batch()],
    ['unknown top-level field', { ...batch(record), extra: 1 }],
    ['id not a UUIDv7', batch({ ...record, id: '123e4567-e89b-42d3-a456-426614174000' })],
    ['score out of range', batch({ ...record, score: 11 })],
    ['fractional score', batch({ ...record, score: 8.5, category: 'passive' })],
    ['category disagrees with score', batch({ ...record, score: 3 })],
    ['answered without score', batch(clean({ ...record, score: undefined, category: undefined }))],
    ['dismissed with a score', batch({ ...record, status: 'dismissed' })],
    ['page with a query string', batch({ ...record, page: 'https://app.example.com/a?token=secret' })],
    ['page with a hash', batch({ ...record, page: 'https://app.example.com/a#x' })],
    ['bad timestamp', batch({ ...record, updatedAt: 'yesterday' })],
    ['missing anonymousId', batch(clean({ ...record, anonymousId: undefined }))],
    ['unknown record field', batch({ ...record, email: 'a@b.c' })],
    ['unknown status', batch({ ...record, status: 'skipped' })],
  ])('rejects %s', (_, body) => {
    expect(validate(body)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  });

  it('is what package.json ships', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./schema/response.v1.json']).toBe('./src/schema/response.v1.json');
    expect(pkg.files).toContain('src/schema');
    expect(pkg.version).toBe(VERSION);
  });
});

describe('the scale', () => {
  it("the schema's score range and categories are core's scale: every score validates only with its own category", () => {
    const { properties } = schema.$defs.ResponseRecord;
    expect([properties.score.minimum, properties.score.maximum]).toEqual([MIN_SCORE, MAX_SCORE]);
    expect(properties.category.enum).toEqual([...CATEGORIES]);
    for (let score = MIN_SCORE; score <= MAX_SCORE; score++)
      for (const category of CATEGORIES)
        expect(
          validate({ v: 1, sentAt: record.updatedAt, responses: [{ ...record, score, category }] }),
          `${score} ${category}`,
        ).toBe(category === categoryFor(score));
  });
});

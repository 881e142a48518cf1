import { expect, it } from 'vitest';
import { batchBody } from '../../src/outbox/post-batch';
import { takeBatch } from '../../src/outbox/take-batch';
import { makeRecord } from '../helpers/outbox-fakes';
import { T0, id } from '../helpers/outbox-setup';

const bytes = (text: string) => new TextEncoder().encode(text).length;

it.each([
  ['ASCII', 'fine'],
  ['2-byte', 'é'],
  ['3-byte', '€'],
  ['4-byte (surrogate pairs)', '😀'],
  ['mixed', 'aé€😀'],
])('counts UTF-8 bytes exactly (%s): the largest batch that fits stays within the limit', (_, text) => {
  const records = Array.from({ length: 40 }, (_, i) => makeRecord(id(i), T0, { comment: text.repeat(300) }));
  const limit = 20_000;
  const batch = takeBatch(records, 50, limit);
  expect(bytes(batchBody(batch, T0))).toBeLessThanOrEqual(limit);
  // One more record would not have fitted.
  expect(bytes(batchBody(records.slice(0, batch.length + 1), T0))).toBeGreaterThan(limit);
});

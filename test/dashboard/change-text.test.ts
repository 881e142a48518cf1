import { expect, it } from 'vitest';
import type { NpsChange } from '../../src/core/api-types';
import { changeText } from '../../src/dashboard/format';

// The change line against an empty previous range: not a change of -100 or +100 points.
const change = (over: Partial<NpsChange>): NpsChange => ({
  nps: 40,
  previousNps: 0,
  delta: 40,
  marginOfError: 30,
  significant: false,
  from: '2026-08-02T00:00:00.000Z',
  to: '2026-09-01T00:00:00.000Z',
  previousFrom: '2026-07-03T00:00:00.000Z',
  previousTo: '2026-08-02T00:00:00.000Z',
  total: 25,
  previousTotal: 0,
  tooFew: true,
  ...over,
});

it('says "no earlier answers to compare" when the previous range has no answers, whatever the delta', () => {
  expect(changeText(change({}))).toBe('no earlier answers to compare');
  expect(changeText(change({ nps: -100, delta: -100 }))).toBe('no earlier answers to compare');
});

it('words a change against a previous range that has answers as before', () => {
  expect(changeText(change({ previousTotal: 3, previousNps: 0 }))).toMatch(/^up 40 points since .* — too few answers$/);
});

import { describe, expect, it } from 'vitest';
import { categoryOf, npsScore } from '../../src/core/nps-score';

describe('categoryOf', () => {
  it('splits 0–6 / 7–8 / 9–10', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(categoryOf)).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
  it.each([-1, 11, 7.5, NaN, '9' as unknown as number])('rejects %s with a message naming the value', (s) => {
    expect(() => categoryOf(s)).toThrow(/score must be an integer from 0 to 10, got/);
  });
});

describe('npsScore', () => {
  it('is % promoters minus % detractors', () => {
    expect(npsScore([10, 9, 8, 3])).toBe(25);
    expect(npsScore([10, 10, 10])).toBe(100);
    expect(npsScore([0, 6])).toBe(-100);
    expect(npsScore([7, 8])).toBe(0);
    expect(npsScore([9, 0, 7])).toBeCloseTo(0);
    expect(npsScore([9, 9, 0])).toBeCloseTo(33.333, 2);
  });
  it('is 0 for no scores and rejects bad ones', () => {
    expect(npsScore([])).toBe(0);
    expect(() => npsScore([5, 12])).toThrow(TypeError);
  });
});

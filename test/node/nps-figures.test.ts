import { describe, expect, it } from 'vitest';
import { npsFigures } from '../../src/core/nps-figures';
import { isoWeek } from '../../src/core/iso-week';

describe('npsFigures', () => {
  it('computes NPS and the 95% margin of error on known inputs', () => {
    // p = .5, d = .2: NPS 30; σ² = .5 + .2 − .3² = .61; 1.96 × √(.61 / 100) × 100 = 15.308…
    expect(npsFigures({ promoters: 50, passives: 30, detractors: 20, shown: 200 })).toEqual({
      nps: 30,
      marginOfError: 15.3,
      total: 100,
      promoters: 50,
      passives: 30,
      detractors: 20,
      shown: 200,
      responseRate: 0.5,
      tooFew: false,
    });
    // p = .6, d = .1, n = 400: σ² = .7 − .25 = .45; 1.96 × √(.45/400) × 100 = 6.574…
    expect(npsFigures({ promoters: 240, passives: 120, detractors: 40, shown: 400 })).toMatchObject({ nps: 50, marginOfError: 6.6, responseRate: 1 });
    // p = d = .5: NPS 0 with the largest variance (1): 1.96 × √(1/4) × 100 = 98
    expect(npsFigures({ promoters: 2, passives: 0, detractors: 2, shown: 3 })).toMatchObject({ nps: 0, marginOfError: 98 });
    // one third each: NPS 0, σ² = 2/3, n = 3 → 1.96 × √(2/9) × 100 = 92.4
    expect(npsFigures({ promoters: 1, passives: 1, detractors: 1, shown: 10 })).toMatchObject({ nps: 0, marginOfError: 92.4, responseRate: 0.3 });
  });

  it('gives −100 / +100 with no spread, and zeros without answers', () => {
    expect(npsFigures({ promoters: 0, passives: 0, detractors: 7, shown: 7 })).toMatchObject({ nps: -100, marginOfError: 0 });
    expect(npsFigures({ promoters: 5, passives: 0, detractors: 0, shown: 5 })).toMatchObject({ nps: 100, marginOfError: 0 });
    expect(npsFigures({ promoters: 0, passives: 0, detractors: 0, shown: 4 })).toEqual({
      nps: 0, marginOfError: 0, total: 0, promoters: 0, passives: 0, detractors: 0, shown: 4, responseRate: 0, tooFew: true,
    });
  });

  it('flags fewer than 10 answers as too few', () => {
    expect(npsFigures({ promoters: 9, passives: 0, detractors: 0, shown: 9 }).tooFew).toBe(true);
    expect(npsFigures({ promoters: 9, passives: 1, detractors: 0, shown: 10 }).tooFew).toBe(false);
  });

  it('rounds to one decimal without negative zero', () => {
    const f = npsFigures({ promoters: 1, passives: 1, detractors: 1, shown: 3 });
    expect(Object.is(f.nps, -0)).toBe(false);
    expect(npsFigures({ promoters: 2, passives: 0, detractors: 1, shown: 3 }).nps).toBe(33.3);
  });
});

describe('isoWeek', () => {
  it('numbers weeks the ISO 8601 way, across year boundaries', () => {
    expect(isoWeek('2026-11-23T10:00:00Z')).toBe('2026-W48');
    expect(isoWeek('2026-11-22T23:59:59Z')).toBe('2026-W47'); // a Sunday ends its week
    expect(isoWeek('2026-01-01T00:00:00Z')).toBe('2026-W01'); // a Thursday
    expect(isoWeek('2027-01-01T00:00:00Z')).toBe('2026-W53'); // a Friday: last week of 2026
    expect(isoWeek('2024-12-30T00:00:00Z')).toBe('2025-W01'); // a Monday: first week of 2025
    expect(isoWeek('2021-01-03T12:00:00Z')).toBe('2020-W53');
    expect(isoWeek('2026-11-23T00:30:00+02:00')).toBe('2026-W47'); // UTC decides: still Sunday there
  });
});

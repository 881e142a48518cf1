import { describe, expect, it } from 'vitest';
import { npsFigures } from '../../../src/collector/stats/nps-figures';
import { isoWeek } from '../../../src/collector/stats/iso-week';

describe('npsFigures', () => {
  // Margins by the adjusted Wald method (Rocks 2016; see src/core/nps-figures.ts), worked out by hand:
  //   ñ = n + 3, p̃ = (promoters + ¾) / ñ, d̃ = (detractors + ¾) / ñ, s² = p̃ + d̃ − (p̃ − d̃)²,
  //   margin = 1.96 × √(s² / ñ) × 100.
  it('computes NPS and the 95% margin of error on known inputs', () => {
    // n = 100, ñ = 103: p̃ = 50.75/103 = .49272, d̃ = 20.75/103 = .20146; s² = .69417 − .29126² = .60934;
    // s²/ñ = .0059159, √ = .076915, × 196 = 15.08 → 15.1
    expect(npsFigures({ promoters: 50, passives: 30, detractors: 20, shown: 200 })).toEqual({
      nps: 30,
      marginOfError: 15.1,
      total: 100,
      promoters: 50,
      passives: 30,
      detractors: 20,
      shown: 200,
      responseRate: 0.5,
      tooFew: false,
    });
    // n = 4, ñ = 7: p̃ = d̃ = 2.75/7 = .39286; s² = .78571; s²/ñ = .11224, √ = .33503, × 196 = 65.67 → 65.7
    expect(npsFigures({ promoters: 2, passives: 0, detractors: 2, shown: 3 })).toMatchObject({
      nps: 0,
      marginOfError: 65.7,
    });
  });

  it('keeps a margin when every answer is in one category, and zeros without answers', () => {
    // n = 7, ñ = 10: p̃ = .075, d̃ = .775; s² = .85 − .7² = .36; s²/ñ = .036, √ = .18974, × 196 = 37.19 → 37.2
    expect(npsFigures({ promoters: 0, passives: 0, detractors: 7, shown: 7 })).toMatchObject({
      nps: -100,
      marginOfError: 37.2,
    });
    // n = 5, ñ = 8: p̃ = 5.75/8 = .71875, d̃ = .09375; s² = .8125 − .625² = .421875; s²/ñ = .052734, √ = .22964, × 196 = 45.01 → 45
    expect(npsFigures({ promoters: 5, passives: 0, detractors: 0, shown: 5 })).toMatchObject({
      nps: 100,
      marginOfError: 45,
    });
    expect(npsFigures({ promoters: 0, passives: 0, detractors: 0, shown: 4 })).toEqual({
      nps: 0,
      marginOfError: 0,
      total: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      shown: 4,
      responseRate: 0,
      tooFew: true,
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

import { describe, expect, it } from 'vitest';
import {
  npsChange,
  npsFigures,
  npsVariance,
  previousRange,
  responseRate,
  TOO_FEW_ANSWERS,
} from '../../../src/collector/stats/nps-figures';
import { isoWeek } from '../../../src/collector/stats/iso-week';

// Every expected figure below is worked out by hand in the comment above it, from the method in
// src/core/nps-figures.ts (adjusted Wald, Rocks 2016):
//   ñ = n + 3,  p̃ = (promoters + ¾) / ñ,  d̃ = (detractors + ¾) / ñ
//   variance of one answer  s² = p̃ + d̃ − (p̃ − d̃)²
//   margin (NPS points)      = 1.96 × √(s² / ñ) × 100
// and NPS = (promoters − detractors) / n × 100 from the observed counts.

const counts = (
  promoters: number,
  passives: number,
  detractors: number,
  shown = promoters + passives + detractors,
) => ({
  promoters,
  passives,
  detractors,
  shown,
});

describe('npsFigures: the margin of error at every sample size', () => {
  it('n = 1: one promoter is +100 ± 73.5, not ± 0', () => {
    // ñ = 4, p̃ = 1.75/4 = .4375, d̃ = .75/4 = .1875
    // s² = .625 − .25² = .625 − .0625 = .5625;  s²/ñ = .140625;  √ = .375;  × 1.96 = .735 → 73.5
    expect(npsFigures(counts(1, 0, 0, 3))).toEqual({
      nps: 100,
      marginOfError: 73.5,
      total: 1,
      promoters: 1,
      passives: 0,
      detractors: 0,
      shown: 3,
      responseRate: 0.3333,
      tooFew: true,
    });
    // One detractor mirrors it: −100 ± 73.5.
    expect(npsFigures(counts(0, 0, 1))).toMatchObject({ nps: -100, marginOfError: 73.5 });
  });

  it('n = 2: two promoters out of two is +100 ± 64.4, not "+100 ± 0"', () => {
    // ñ = 5, p̃ = 2.75/5 = .55, d̃ = .75/5 = .15
    // s² = .70 − .40² = .70 − .16 = .54;  s²/ñ = .108;  √.108 = .32863;  × 1.96 = .64412 → 64.4
    expect(npsFigures(counts(2, 0, 0))).toMatchObject({
      nps: 100,
      marginOfError: 64.4,
      total: 2,
      tooFew: true,
      responseRate: 1,
    });
  });

  it('n = 10: 5 promoters, 3 passives, 2 detractors is +30 ± 42.1, and no longer "too few"', () => {
    // NPS = (5 − 2)/10 = 30
    // ñ = 13, p̃ = 5.75/13, d̃ = 2.75/13:  p̃ + d̃ = 8.5/13,  p̃ − d̃ = 3/13
    // s² = 8.5/13 − 9/169 = (110.5 − 9)/169 = 101.5/169 = .600592
    // s²/ñ = 101.5/2197 = .0461994;  √ = .214941;  × 1.96 = .421284 → 42.1
    expect(npsFigures(counts(5, 3, 2, 20))).toEqual({
      nps: 30,
      marginOfError: 42.1,
      total: 10,
      promoters: 5,
      passives: 3,
      detractors: 2,
      shown: 20,
      responseRate: 0.5,
      tooFew: false,
    });
    // 9 answers is the largest "too few".
    expect(npsFigures(counts(5, 2, 2)).tooFew).toBe(true);
    expect(TOO_FEW_ANSWERS).toBe(10);
  });

  it('n = 1,000: 500 / 300 / 200 is +30 ± 4.8, where the plain formula agrees', () => {
    // ñ = 1003, p̃ = 500.75/1003, d̃ = 200.75/1003:  p̃ + d̃ = 701.5/1003,  p̃ − d̃ = 300/1003
    // s² = (701.5 × 1003 − 300²)/1003² = (703604.5 − 90000)/1006009 = .609939
    // s²/ñ = .000608115;  √ = .0246600;  × 1.96 = .048334 → 4.8
    // Unadjusted: s² = .5 + .2 − .3² = .61;  1.96 × √(.61/1000) = .048409 → 4.8 too.
    expect(npsFigures(counts(500, 300, 200, 2000))).toMatchObject({
      nps: 30,
      marginOfError: 4.8,
      total: 1000,
      responseRate: 0.5,
      tooFew: false,
    });
  });

  it('n = 3, one of each: 0 ± 61.1', () => {
    // ñ = 6, p̃ = d̃ = 1.75/6 = .291667;  s² = .583333 − 0 = .583333
    // s²/ñ = .0972222;  √ = .311805;  × 1.96 = .611138 → 61.1
    expect(npsFigures(counts(1, 1, 1))).toMatchObject({ nps: 0, marginOfError: 61.1 });
  });

  it('without answers: 0 ± 0, total 0, too few; the rate is 0 when nothing was shown', () => {
    expect(npsFigures(counts(0, 0, 0, 4))).toEqual({
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
    expect(npsVariance(counts(0, 0, 0))).toBe(0);
    expect(responseRate(0, 0)).toBe(0);
  });

  it('rounds to one decimal without negative zero', () => {
    // (2 − 1)/3 = 33.333… → 33.3;  (0 − 0) must not print as −0.
    expect(npsFigures(counts(2, 0, 1)).nps).toBe(33.3);
    expect(Object.is(npsFigures(counts(0, 1, 0)).nps, -0)).toBe(false);
    // 5/7 = .714285… → .7143
    expect(responseRate(5, 7)).toBe(0.7143);
  });

  it('never gives a zero margin to answers, whatever the split', () => {
    for (let n = 1; n <= 60; n++)
      for (const split of [counts(n, 0, 0), counts(0, n, 0), counts(0, 0, n)])
        expect(npsFigures(split).marginOfError).toBeGreaterThan(0);
  });
});

describe('npsChange: this range against the previous one', () => {
  const range = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

  it('up 10 points on 1,000 answers each is likely real: 10 > 7.0', () => {
    // This range: 500/300/200 → NPS 30, s²/ñ = .000608115 (worked out above).
    // Previous:   450/300/250 → NPS 20;  p̃ = 450.75/1003 = .449402,  d̃ = 250.75/1003 = .25
    //   s² = .699402 − .199402² = .699402 − .039761 = .659641;  s²/ñ = .000657668
    // Independent samples: variance of the difference = .000608115 + .000657668 = .001265783
    // √ = .0355779;  × 1.96 = .069733 → 7.0;  |10| > 7.0 → significant
    const change = npsChange(counts(500, 300, 200), counts(450, 300, 250), previousRange(range), range);
    expect(change).toEqual({
      nps: 30,
      previousNps: 20,
      delta: 10,
      marginOfError: 7,
      significant: true,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      previousFrom: '2026-10-02T00:00:00.000Z',
      previousTo: '2026-11-01T00:00:00.000Z',
      total: 1000,
      previousTotal: 1000,
      tooFew: false,
    });
  });

  it('up 50 points on 10 answers each is within noise: 50 < 61.6', () => {
    // This range: 6/2/2 → NPS 40;  ñ = 13, p̃ = 6.75/13 = .519231, d̃ = 2.75/13 = .211538
    //   s² = .730769 − .307692² = .730769 − .094675 = .636095;  s²/ñ = .0489304
    // Previous:   3/3/4 → NPS −10;  p̃ = 3.75/13 = .288462, d̃ = 4.75/13 = .365385
    //   s² = .653846 − (−.076923)² = .653846 − .005917 = .647929;  s²/ñ = .0498407
    // √(.0489304 + .0498407) = √.0987711 = .314279;  × 1.96 = .615987 → 61.6;  |50| < 61.6
    expect(npsChange(counts(6, 2, 2), counts(3, 3, 4), previousRange(range), range)).toMatchObject({
      nps: 40,
      previousNps: -10,
      delta: 50,
      marginOfError: 61.6,
      significant: false,
    });
  });

  it('is never significant when either range has no answers', () => {
    const change = npsChange(counts(40, 0, 0), counts(0, 0, 0), previousRange(range), range);
    expect(change).toMatchObject({ nps: 100, previousNps: 0, delta: 100, significant: false });
    // Only this range's variance remains: ñ = 43, p̃ = 40.75/43 = .947674, d̃ = .75/43 = .017442
    // s² = .965116 − .930233² = .965116 − .865333 = .099783;  s²/ñ = .00232053;  √ = .0481719;  × 1.96 → 9.4
    expect(change.marginOfError).toBe(9.4);
  });

  it('carries the answers of both ranges, and says too few below 10 in either', () => {
    expect(npsChange(counts(6, 2, 2), counts(3, 3, 4), previousRange(range), range)).toMatchObject({
      total: 10,
      previousTotal: 10,
      tooFew: false,
    });
    expect(npsChange(counts(6, 2, 2), counts(3, 3, 3), previousRange(range), range)).toMatchObject({
      total: 10,
      previousTotal: 9,
      tooFew: true,
    });
    expect(npsChange(counts(3, 0, 0), counts(40, 0, 40), previousRange(range), range)).toMatchObject({
      total: 3,
      previousTotal: 80,
      tooFew: true,
    });
  });

  it('takes delta from the figures as shown, so they add up on screen', () => {
    // 1/3 → 33.3 and 1/6 → 16.7 as shown: the exact difference 16.67 would round to 16.7,
    // while the screen says 33.3 − 16.7 = 16.6, so delta is 16.6.
    expect(npsChange(counts(1, 2, 0), counts(1, 5, 0), previousRange(range), range).delta).toBe(16.6);
  });
});

describe('previousRange', () => {
  it('is the range of equal length ending where this one starts', () => {
    const week = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };
    expect(previousRange(week)).toEqual({
      from: new Date('2026-11-16T00:00:00Z'),
      to: new Date('2026-11-23T00:00:00Z'),
    });
  });
});

describe('isoWeek', () => {
  it('numbers weeks the ISO 8601 way in UTC, across year boundaries', () => {
    expect(isoWeek('2026-11-23T10:00:00Z')).toBe('2026-W48'); // a Monday
    expect(isoWeek('2026-11-22T23:59:59Z')).toBe('2026-W47'); // a Sunday ends its week
    expect(isoWeek('2026-01-01T00:00:00Z')).toBe('2026-W01'); // a Thursday: week 1
    expect(isoWeek('2027-01-01T00:00:00Z')).toBe('2026-W53'); // a Friday: the last week of 2026
    expect(isoWeek('2024-12-30T00:00:00Z')).toBe('2025-W01'); // a Monday: the first week of 2025
    expect(isoWeek('2021-01-03T12:00:00Z')).toBe('2020-W53');
    expect(isoWeek('2026-11-23T00:30:00+02:00')).toBe('2026-W47'); // still Sunday in UTC
  });
});

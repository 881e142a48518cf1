/**
 * The collector's NPS math: figures that stay honest at every sample size.
 * Pure functions, no I/O.
 *
 * The margin of error is the half-width of the 95% adjusted-Wald interval for the NPS recommended by
 * B. Rocks, "Interval Estimation for the 'Net Promoter Score'", The American Statistician 70(4),
 * 365–372 (2016): before computing the variance, add 3 pseudo-answers (¾ promoter, 1½ passive,
 * ¾ detractor), in the spirit of Agresti & Coull's "add two successes and two failures" for one
 * proportion. The plain (Wald) variance collapses to 0 when every answer is in one category, which
 * turned 2 promoters out of 2 into "+100 ± 0"; the adjusted one never does.
 */
import type { NpsChange, NpsCounts, NpsFigures } from '../../core/api-types';

/** Below this many answers a figure is shown with "too few answers". */
export const TOO_FEW_ANSWERS = 10;

/** The normal quantile of a two-sided 95% interval. */
const Z_95 = 1.96;

/** Pseudo-answers added before the variance is computed (Rocks 2016): ¾ promoter, 1½ passive, ¾ detractor. */
const PSEUDO_PROMOTERS = 0.75;
const PSEUDO_DETRACTORS = 0.75;
const PSEUDO_ANSWERS = 3;

/** One decimal (or `digits`), and never −0. */
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits + 0;

const answers = (c: NpsCounts) => c.promoters + c.passives + c.detractors;

/** The NPS as a fraction, −1..1 (0 without answers). */
function netShare(counts: NpsCounts): number {
  const answered = answers(counts);
  return answered ? (counts.promoters - counts.detractors) / answered : 0;
}

/**
 * Variance of the estimated NPS (as a fraction), adjusted: each answer scores +1, 0 or −1, so with
 * shares p̃ and d̃ the variance of one answer is p̃ + d̃ − (p̃ − d̃)², divided by the adjusted count ñ.
 * Returns 0 without answers (there is no estimate to be uncertain about).
 */
export function npsVariance(counts: NpsCounts): number {
  const answered = answers(counts);
  if (!answered) return 0;
  const adjustedN = answered + PSEUDO_ANSWERS;
  const promoterShare = (counts.promoters + PSEUDO_PROMOTERS) / adjustedN;
  const detractorShare = (counts.detractors + PSEUDO_DETRACTORS) / adjustedN;
  return (promoterShare + detractorShare - (promoterShare - detractorShare) ** 2) / adjustedN;
}

/**
 * NPS (% promoters − % detractors) of one group, with its 95% margin of error in NPS points.
 * Without answers: `nps` and `marginOfError` are 0, `total` is 0 and `tooFew` is true.
 * @example npsFigures({ promoters: 2, passives: 0, detractors: 0, shown: 4 })
 * // { nps: 100, marginOfError: 64.4, total: 2, …, responseRate: 0.5, tooFew: true }
 */
export function npsFigures(counts: NpsCounts): NpsFigures {
  const total = answers(counts);
  return {
    nps: round(netShare(counts) * 100),
    marginOfError: round(Z_95 * Math.sqrt(npsVariance(counts)) * 100),
    total,
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
    shown: counts.shown,
    responseRate: responseRate(total, counts.shown),
    tooFew: total < TOO_FEW_ANSWERS,
  };
}

/**
 * Answered / shown, 0..1, four decimals (0 when nothing was shown).
 * @example responseRate(5, 7) // 0.7143
 */
export function responseRate(answered: number, shown: number): number {
  return shown ? round(answered / shown, 4) : 0;
}

/** A time range, `from` inclusive, `to` exclusive. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The range of equal length just before `range`, for {@link npsChange}.
 * @example previousRange({ from: new Date('2026-11-01'), to: new Date('2026-12-01') })
 * // { from: 2026-10-02T00:00Z, to: 2026-11-01T00:00Z } (30 days before)
 */
export function previousRange({ from, to }: TimeRange): TimeRange {
  const length = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - length), to: new Date(from.getTime()) };
}

/**
 * This range's NPS against the previous range's. The two samples are independent, so the variance
 * of the difference is the sum of the two (adjusted) variances; `significant` when both ranges have
 * answers and the difference is larger than its 95% margin.
 * `delta` is the difference of the two NPS as shown (one decimal each), so the figures add up on screen.
 * @example npsChange(thisMonth, lastMonth, previousRange(range), range)
 */
export function npsChange(
  current: NpsCounts,
  previous: NpsCounts,
  previousRangeOf: TimeRange,
  range: TimeRange,
): NpsChange {
  const nps = round(netShare(current) * 100);
  const previousNps = round(netShare(previous) * 100);
  const exactDelta = (netShare(current) - netShare(previous)) * 100;
  const margin = Z_95 * Math.sqrt(npsVariance(current) + npsVariance(previous)) * 100;
  return {
    nps,
    previousNps,
    delta: round(nps - previousNps),
    marginOfError: round(margin),
    significant: answers(current) > 0 && answers(previous) > 0 && Math.abs(exactDelta) > margin,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    previousFrom: previousRangeOf.from.toISOString(),
    previousTo: previousRangeOf.to.toISOString(),
    total: answers(current),
    previousTotal: answers(previous),
    tooFew: answers(current) < TOO_FEW_ANSWERS || answers(previous) < TOO_FEW_ANSWERS,
  };
}

/** Counts of two groups together. */
export const addCounts = (one: NpsCounts, other: NpsCounts): NpsCounts => ({
  promoters: one.promoters + other.promoters,
  passives: one.passives + other.passives,
  detractors: one.detractors + other.detractors,
  shown: one.shown + other.shown,
});

/** Counts of one group without those of a part of it (what is left when the part is taken out). */
export const subtractCounts = (whole: NpsCounts, part: NpsCounts): NpsCounts => ({
  promoters: whole.promoters - part.promoters,
  passives: whole.passives - part.passives,
  detractors: whole.detractors - part.detractors,
  shown: whole.shown - part.shown,
});

/** No records. */
export const noCounts = (): NpsCounts => ({ promoters: 0, passives: 0, detractors: 0, shown: 0 });

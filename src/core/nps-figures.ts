/** Answer counts of one group of responses. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
  /** Impressions, answered or not. */
  shown: number;
}

/**
 * Figures of one group: the shape of the collector's `/api/stats` (and of each `byStage` / `byWeek`
 * entry), shared by the collector and the dashboard.
 */
export interface NpsFigures extends NpsCounts {
  /** % promoters − % detractors, one decimal. */
  nps: number;
  /** Half-width of the 95% interval, in NPS points. */
  marginOfError: number;
  /** Answers (promoters + passives + detractors). */
  total: number;
  /** answered / shown, 0..1, four decimals. */
  responseRate: number;
  /** `total` is below {@link TOO_FEW_ANSWERS}: show the figure with "too few answers". */
  tooFew: boolean;
}

/** Below this many answers a figure is shown with "too few answers". */
export const TOO_FEW_ANSWERS = 10;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits + 0;

/**
 * NPS (% promoters − % detractors) with its 95% margin of error, in NPS points.
 * Each answer counts +1 (promoter), 0 (passive) or −1 (detractor); the NPS is their mean × 100, so
 * its variance is p + d − (p − d)² and the margin is 1.96 × √(variance / n) × 100.
 * No answers: NPS and margin are 0 and `total` is 0.
 * @example npsFigures({ promoters: 50, passives: 30, detractors: 20, shown: 200 }) // nps 30, marginOfError 15.3
 */
export function npsFigures({ promoters, passives, detractors, shown }: NpsCounts): NpsFigures {
  const total = promoters + passives + detractors;
  const p = total ? promoters / total : 0;
  const d = total ? detractors / total : 0;
  const variance = p + d - (p - d) ** 2;
  return {
    nps: round((p - d) * 100),
    marginOfError: total ? round(1.96 * Math.sqrt(variance / total) * 100) : 0,
    total,
    promoters,
    passives,
    detractors,
    shown,
    responseRate: shown ? round(total / shown, 4) : 0,
    tooFew: total < TOO_FEW_ANSWERS,
  };
}

/** Counts with nothing in them. */
export const noCounts = (): NpsCounts => ({ promoters: 0, passives: 0, detractors: 0, shown: 0 });

/** The sum of two groups' counts. */
export const addCounts = (a: NpsCounts, b: NpsCounts): NpsCounts => ({
  promoters: a.promoters + b.promoters,
  passives: a.passives + b.passives,
  detractors: a.detractors + b.detractors,
  shown: a.shown + b.shown,
});

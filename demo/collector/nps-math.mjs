// @ts-check

/**
 * Answer counts of one group of records.
 * @typedef {{ promoters: number, passives: number, detractors: number, shown: number }} Counts
 */

/**
 * Figures of one group, the shape of `/api/stats` (and of each `byStage` / `byWeek` entry).
 * @typedef {{ nps: number, marginOfError: number, total: number, promoters: number, passives: number,
 *   detractors: number, shown: number, responseRate: number }} NpsFigures
 */

const round = (/** @type {number} */ x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits + 0;

/**
 * NPS (% promoters − % detractors) with its 95% margin of error, in NPS points.
 * Each answer counts +1 (promoter), 0 (passive) or −1 (detractor); the NPS is their mean × 100, so
 * its variance is p + d − (p − d)² and the margin is 1.96 × √(variance / n) × 100.
 * No answers: NPS and margin are 0 and `total` is 0 (the dashboard shows "–").
 * @param {Counts} c
 * @returns {NpsFigures}
 * @example npsFigures({ promoters: 50, passives: 30, detractors: 20, shown: 200 }) // nps 30, marginOfError 15.3
 */
export function npsFigures({ promoters, passives, detractors, shown }) {
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
  };
}

/**
 * ISO 8601 week of a date in UTC, e.g. "2026-W48" (weeks start on Monday; week 1 holds January 4th).
 * @param {Date | string | number} date
 */
export function isoWeek(date) {
  const d = new Date(date);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  // The Thursday of this week decides the ISO year.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Adds counts.
 * @param {Counts} a
 * @param {Counts} b
 * @returns {Counts}
 */
export const addCounts = (a, b) => ({
  promoters: a.promoters + b.promoters,
  passives: a.passives + b.passives,
  detractors: a.detractors + b.detractors,
  shown: a.shown + b.shown,
});

/** @returns {Counts} */
export const noCounts = () => ({ promoters: 0, passives: 0, detractors: 0, shown: 0 });

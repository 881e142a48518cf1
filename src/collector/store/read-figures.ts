import type { NpsCounts, StatsReply } from '../../core/api-types';
import type { StatsFilter } from '../http/read-filter';
import { groupStages, stageFilters } from '../stats/group-stages';
import { isoWeek } from '../stats/iso-week';
import { addCounts, noCounts, npsFigures } from '../stats/nps-figures';
import type { Queryable, Row } from './queryable';
import { COUNTS, SEGMENT_STATS, STATS, where } from './store-sql';

/** The figures of `GET /api/stats` that the store computes (the change and follow-up metrics come on top). */
export type BaseStats = Omit<StatsReply, 'change' | 'followUp'>;

/** The answer counts of a row of {@link STATS}, {@link SEGMENT_STATS} or {@link COUNTS}. */
const countsOf = (row: Row): NpsCounts => ({
  promoters: Number(row.promoters),
  passives: Number(row.passives),
  detractors: Number(row.detractors),
  shown: Number(row.shown),
});

/** Sums the counts of each stage and each ISO week into the figures overall, by stage and by week. */
function figuresOf(rows: Row[]): Omit<BaseStats, 'bySegment'> {
  let all = noCounts();
  const stages = new Map<string | null, NpsCounts>();
  const weeks = new Map<string, NpsCounts>();
  for (const row of rows) {
    const counts = countsOf(row);
    const stage = row.stage == null ? null : String(row.stage);
    const week = isoWeek(`${String(row.monday)}T00:00:00Z`);
    all = addCounts(all, counts);
    stages.set(stage, addCounts(stages.get(stage) ?? noCounts(), counts));
    weeks.set(week, addCounts(weeks.get(week) ?? noCounts(), counts));
  }
  return {
    ...npsFigures(all),
    byStage: groupStages(stages),
    stages: stageFilters(stages),
    byWeek: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, counts]) => ({ week, ...npsFigures(counts) })),
  };
}

/**
 * NPS figures overall, by stage (at most 50, the rest as "other"), by ISO week of `shownAt` (UTC)
 * and, with `segment`, by the values of that trait (at most 50, the rest as "other").
 * @example await readFigures(db, { stage: 'checkout', segment: 'plan' }) // { nps, byStage, byWeek, bySegment, … }
 */
export async function readFigures(db: Queryable, filter: StatsFilter): Promise<BaseStats> {
  const clauses = where(filter);
  const { rows } = await db.query(STATS(clauses.sql), clauses.params);
  const stats: BaseStats = figuresOf(rows);
  if (filter.segment == null) return stats;
  const segmented = await db.query(SEGMENT_STATS(clauses.sql, clauses.params.length + 1), [
    ...clauses.params,
    filter.segment,
  ]);
  const values = new Map<string | null, NpsCounts>();
  for (const row of segmented.rows) values.set(row.value == null ? null : String(row.value), countsOf(row));
  return { ...stats, bySegment: groupStages(values) };
}

/**
 * The answer counts of the records a filter selects (for `change`).
 * @example await readCounts(db, { from, to }) // { promoters: 12, passives: 4, detractors: 3, shown: 40 }
 */
export async function readCounts(db: Queryable, filter: StatsFilter): Promise<NpsCounts> {
  const clauses = where(filter);
  const { rows } = await db.query(COUNTS(clauses.sql), clauses.params);
  return rows[0] ? countsOf(rows[0]) : noCounts();
}

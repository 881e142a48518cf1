import type { NpsCounts, StatsReply } from '../../core/api-types';
import type { StatsFilter } from '../http/read-filter';
import { planRange, type RangePlan } from '../rollups/range-plan';
import { type StageScope, stageScopeOf } from '../rollups/range-sql';
import { readDayCounts, readStageCounts, topNames } from '../rollups/read-day-counts';
import { readSegmentCounts } from '../rollups/read-segment-counts';
import { SCOPE } from '../rollups/rollup-tables';
import { declaredSegmentKeys, UndeclaredSegmentError } from '../rollups/segment-keys';
import { type Groups, labelGroups, stageFilters } from '../stats/group-stages';
import { isoWeek } from '../stats/iso-week';
import { addCounts, noCounts, npsFigures, subtractCounts } from '../stats/nps-figures';
import type { Query, Queryable } from './queryable';

/** The figures of `GET /api/stats` that the store computes (the change and follow-up metrics come on top). */
export type BaseStats = Omit<StatsReply, 'change' | 'followUp'>;

/** The counts of a range, and its days. */
async function rangeCounts(query: Query, plan: RangePlan, scope: StageScope) {
  const days = await readDayCounts(query, plan, scope);
  let all = noCounts();
  for (const counts of days.values()) all = addCounts(all, counts);
  return { days, all };
}

/** `byWeek`: the days' counts by ISO week (UTC), oldest first; weeks without responses are left out. */
function byWeek(days: ReadonlyMap<string, NpsCounts>): BaseStats['byWeek'] {
  const weeks = new Map<string, NpsCounts>();
  for (const [day, counts] of days) {
    if (counts.shown === 0) continue;
    const week = isoWeek(`${day}T00:00:00Z`);
    weeks.set(week, addCounts(weeks.get(week) ?? noCounts(), counts));
  }
  return [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, counts]) => ({ week, ...npsFigures(counts) }));
}

/** The stage groups: with a stage filter, that one stage; else the 50 most common stages, the rest and none. */
async function stageGroups(query: Query, plan: RangePlan, filter: StatsFilter, all: NpsCounts): Promise<Groups> {
  const scope = stageScopeOf(filter.stage);
  if (scope.scope === SCOPE.noStage) return { named: new Map(), none: all };
  if (scope.scope === SCOPE.namedStage) return { named: new Map([[scope.stage, all]]) };
  const top = await topNames(query, 'stages');
  const { named, none } = await readStageCounts(query, plan, top);
  let listed = none ?? noCounts();
  for (const counts of named.values()) listed = addCounts(listed, counts);
  return { named, none, other: subtractCounts(all, listed) };
}

/**
 * `bySegment` for a declared key: its 50 most common values (all time), "other" (the responses
 * with another value, a value longer than 200 characters, or a list or object) and "(none)" (the
 * responses without the key). While the rollup of a key declared after data existed is being built,
 * `segmentPending` says so instead.
 * @throws {UndeclaredSegmentError} when `key` is not a declared segment key
 */
async function segmentFigures(
  query: Query,
  plan: RangePlan,
  scope: StageScope,
  key: string,
  all: NpsCounts,
): Promise<Pick<BaseStats, 'bySegment' | 'segmentPending'>> {
  const declared = await declaredSegmentKeys(query);
  const found = declared.find((k) => k.key === key);
  if (!found)
    throw new UndeclaredSegmentError(
      key,
      declared.map((k) => k.key),
    );
  if (!found.built) return { segmentPending: { key, responsesCounted: found.responsesCounted } };
  const top = await topNames(query, { key });
  const { named, withKey } = await readSegmentCounts(query, plan, scope, key, top);
  let listed = noCounts();
  for (const counts of named.values()) listed = addCounts(listed, counts);
  return {
    bySegment: labelGroups({ named, other: subtractCounts(withKey, listed), none: subtractCounts(all, withKey) }),
  };
}

/**
 * The figures of a filter from the rollups: overall, by stage (at most 50, the rest as "other"), by
 * ISO week of `shownAt` (UTC) and, with `segment`, by the values of that declared key. Whole days
 * come from the rollups, the parts of days at the range's edges from the stored rows (see
 * `planRange`): exact, and the cost grows with the days in the range, never with the responses.
 * @example await readFigures(db, { stage: 'checkout', segment: 'plan' }) // { nps, byStage, byWeek, bySegment, … }
 */
export async function readFigures(db: Queryable, filter: StatsFilter, now = Date.now()): Promise<BaseStats> {
  const plan = planRange(filter.from, filter.to, now);
  const scope = stageScopeOf(filter.stage);
  const { days, all } = await rangeCounts(db.query, plan, scope);
  const stages = await stageGroups(db.query, plan, filter, all);
  const figures: BaseStats = {
    ...npsFigures(all),
    byStage: labelGroups(stages),
    stages: stageFilters(stages),
    byWeek: byWeek(days),
  };
  if (filter.segment === undefined) return figures;
  return { ...figures, ...(await segmentFigures(db.query, plan, scope, filter.segment, all)) };
}

/**
 * The answer counts of the records a filter selects (for `change`), from the rollups.
 * @example await readCounts(db, { from, to }) // { promoters: 12, passives: 4, detractors: 3, shown: 40 }
 */
export async function readCounts(db: Queryable, filter: StatsFilter, now = Date.now()): Promise<NpsCounts> {
  return (await rangeCounts(db.query, planRange(filter.from, filter.to, now), stageScopeOf(filter.stage))).all;
}

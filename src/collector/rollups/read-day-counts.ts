import type { NpsCounts } from '../../core/api-types';
import type { Query } from '../store/queryable';
import type { RangePlan } from './range-plan';
import {
  countsOf,
  dayParts,
  Params,
  rollupSums,
  rowParts,
  type StageScope,
  storedRowsOf,
  storedSums,
} from './range-sql';
import { ROLLUP_BUCKETS, SCOPE } from './rollup-tables';

/** At most this many stages are named in `byStage`; the rest are summed under "other". */
const MAX_NAMED_GROUPS = 50;

/**
 * How many bucket rows of a ranking are read to pick the most common names: enough for the 50 most
 * common even when each is spread over every bucket. The counts shown are exact whatever is picked.
 */
const RANKING_ROWS = MAX_NAMED_GROUPS * ROLLUP_BUCKETS;

const sumBy = (group: string) =>
  `sum(shown)::int as shown, sum(promoters)::int as promoters, sum(passives)::int as passives,
   sum(detractors)::int as detractors, ${group}`;

/**
 * The counts of each UTC day of a range (a {@link RangePlan}) for one stage scope: the rollup rows
 * of its whole days and the stored rows of its edges, in one statement. Reads one row per day and
 * bucket, and at most about one day's stored rows.
 */
export async function readDayCounts(query: Query, plan: RangePlan, scope: StageScope): Promise<Map<string, NpsCounts>> {
  const params = new Params();
  const wholeDays = dayParts(plan, params);
  const edges = rowParts(plan, params);
  // Only the parameters a part uses are added: PostgreSQL refuses one it cannot type.
  const scopeIs = wholeDays.length
    ? `r.scope = ${params.add(scope.scope, 'smallint')} and r.stage = ${params.add(scope.stage, 'text')}`
    : '';
  const storedRows = edges.length ? storedRowsOf(scope, params) : '';
  const parts = [
    ...wholeDays.map(
      (part) => `select r.day::text as day, ${rollupSums(part.sign)}
        from nps_rollup_days r where ${scopeIs} and ${part.within('r.day')} group by r.day`,
    ),
    ...edges.map(
      (part) => `select ((r.shown_at at time zone 'UTC')::date)::text as day, ${storedSums(part.sign)}
        from nps_responses r where ${part.within('r.shown_at')} and ${storedRows} group by 1`,
    ),
  ];
  const days = new Map<string, NpsCounts>();
  if (!parts.length) return days;
  const result = await query(
    `select ${sumBy('day')} from (${parts.join(' union all ')}) t group by day`,
    params.values,
  );
  for (const row of result.rows) days.set(String(row.day), countsOf(row));
  return days;
}

/** The names ranked first in a ranking table (`nps_rollup_stages`, or a key's `nps_rollup_segment_values`). */
export async function topNames(query: Query, ranking: 'stages' | { key: string }): Promise<string[]> {
  const source =
    ranking === 'stages'
      ? `select stage as name, responses from nps_rollup_stages where responses > 0
         order by responses desc, stage limit ${RANKING_ROWS}`
      : `select value as name, responses from nps_rollup_segment_values where key = $1 and responses > 0
         order by responses desc, value limit ${RANKING_ROWS}`;
  const { rows } = await query(
    `select name from (${source}) ranked group by name order by sum(responses) desc, name limit ${MAX_NAMED_GROUPS}`,
    ranking === 'stages' ? [] : [ranking.key],
  );
  return rows.map((row) => String(row.name));
}

/**
 * The counts of the named stages `top` and of the responses without a stage, over a range, for
 * `byStage` (the rest is "other": the total minus these). Reads one row per named stage, day and
 * bucket, and at most about one day's stored rows.
 */
export async function readStageCounts(
  query: Query,
  plan: RangePlan,
  top: readonly string[],
): Promise<{ named: Map<string, NpsCounts>; none: NpsCounts | undefined }> {
  const params = new Params();
  const names = params.add(top, 'text[]');
  const parts = [
    ...dayParts(plan, params).map(
      (
        part,
      ) => `select case when r.scope = ${SCOPE.noStage} then null else r.stage end as stage, ${rollupSums(part.sign)}
        from nps_rollup_days r
        where ((r.scope = ${SCOPE.namedStage} and r.stage = any (${names})) or (r.scope = ${SCOPE.noStage} and r.stage = ''))
          and ${part.within('r.day')}
        group by 1`,
    ),
    ...rowParts(plan, params).map(
      (part) => `select r.stage, ${storedSums(part.sign)} from nps_responses r
        where ${part.within('r.shown_at')} and (r.stage is null or r.stage = any (${names})) group by 1`,
    ),
  ];
  const named = new Map<string, NpsCounts>();
  let none: NpsCounts | undefined;
  if (!parts.length) return { named, none };
  const result = await query(
    `select ${sumBy('stage')} from (${parts.join(' union all ')}) t group by stage`,
    params.values,
  );
  for (const row of result.rows) {
    if (row.stage === null) none = countsOf(row);
    else named.set(String(row.stage), countsOf(row));
  }
  return { named, none };
}

import type { NpsCounts } from '../../core/api-types';
import type { Query } from '../store/queryable';
import type { RangePlan } from './range-plan';
import {
  countsOf,
  daySpans,
  Params,
  ROLLUP_SUMS,
  rowSpans,
  STORED_SUMS,
  type StageScope,
  storedRowsOf,
} from './range-sql';
import { SCOPE } from './rollup-tables';

/** At most this many stages are named in `byStage`; the rest are summed under "other". */
export const MAX_NAMED_GROUPS = 50;

/**
 * How many bucket rows of a ranking are read to pick the most common names: enough for the 50 most
 * common even when each is spread over every bucket. The counts shown are exact whatever is picked.
 */
const RANKING_ROWS = MAX_NAMED_GROUPS * 16;

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
  const parts: string[] = [];
  const spans = daySpans(plan, params);
  if (spans)
    parts.push(`select r.day::text as day, ${ROLLUP_SUMS}
      from nps_rollup_days r join ${spans} on r.day >= spans.first and r.day < spans.past
      where r.scope = ${params.add(scope.scope, 'smallint')} and r.stage = ${params.add(scope.stage, 'text')}
      group by r.day`);
  const rows = rowSpans(plan, params);
  if (rows)
    parts.push(`select ((r.shown_at at time zone 'UTC')::date)::text as day, ${STORED_SUMS}
      from nps_responses r join ${rows} on r.shown_at >= parts.from_at and r.shown_at < parts.to_at
      where ${storedRowsOf(scope, params)} group by 1`);
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
  const parts: string[] = [];
  const names = params.add(top, 'text[]');
  const spans = daySpans(plan, params);
  if (spans)
    parts.push(`select case when r.scope = ${SCOPE.noStage} then null else r.stage end as stage, ${ROLLUP_SUMS}
      from nps_rollup_days r join ${spans} on r.day >= spans.first and r.day < spans.past
      where (r.scope = ${SCOPE.namedStage} and r.stage = any (${names})) or (r.scope = ${SCOPE.noStage} and r.stage = '')
      group by 1`);
  const rows = rowSpans(plan, params);
  if (rows)
    parts.push(`select r.stage, ${STORED_SUMS}
      from nps_responses r join ${rows} on r.shown_at >= parts.from_at and r.shown_at < parts.to_at
      where r.stage is null or r.stage = any (${names}) group by 1`);
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

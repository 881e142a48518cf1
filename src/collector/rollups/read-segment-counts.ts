import type { NpsCounts } from '../../core/api-types';
import { addCounts, noCounts } from '../stats/nps-figures';
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

/** What `bySegment` is made of: the named values' counts, and the counts of every response that has the key. */
export interface SegmentCounts {
  named: Map<string, NpsCounts>;
  /** Responses with any value of the key: "other" is this minus the named values. */
  withKey: NpsCounts;
}

/**
 * The counts of the values `top` of a declared key, and of every response with that key, over a
 * range and one stage scope: the rollup rows of the named values and of the key (one per day and
 * bucket each), and the stored rows of the range's edges. Its cost does not depend on how many
 * distinct values the key has.
 */
export async function readSegmentCounts(
  query: Query,
  plan: RangePlan,
  scope: StageScope,
  key: string,
  top: readonly string[],
): Promise<SegmentCounts> {
  const params = new Params();
  const keyParam = params.add(key, 'text');
  const values = params.add(top, 'text[]');
  const parts: string[] = [];
  const spans = daySpans(plan, params);
  if (spans) {
    const inScope = `r.key = ${keyParam} and r.scope = ${params.add(scope.scope, 'smallint')}
      and r.stage = ${params.add(scope.stage, 'text')}`;
    parts.push(`select 'value' as kind, r.value, ${ROLLUP_SUMS}
      from nps_rollup_segment_days r join ${spans} on r.day >= spans.first and r.day < spans.past
      where ${inScope} and r.value = any (${values}) group by r.value`);
    parts.push(`select 'key' as kind, null as value, ${ROLLUP_SUMS}
      from nps_rollup_segment_key_days r join ${spans} on r.day >= spans.first and r.day < spans.past
      where ${inScope}`);
  }
  const rows = rowSpans(plan, params);
  if (rows)
    parts.push(`select 'rows' as kind, case when v.value = any (${values}) then v.value end as value, ${STORED_SUMS}
      from nps_responses r join ${rows} on r.shown_at >= parts.from_at and r.shown_at < parts.to_at
      cross join lateral (select nps_segment_value(r.traits, ${keyParam}) as value) v
      where ${storedRowsOf(scope, params)} and r.traits ->> ${keyParam} is not null group by 2`);
  const named = new Map<string, NpsCounts>();
  let withKey = noCounts();
  if (!parts.length) return { named, withKey };
  const result = await query(parts.join(' union all '), params.values);
  for (const row of result.rows) {
    const counts = countsOf(row);
    if (row.kind !== 'value') withKey = addCounts(withKey, counts);
    if (row.kind !== 'key' && row.value !== null) {
      const value = String(row.value);
      named.set(value, addCounts(named.get(value) ?? noCounts(), counts));
    }
  }
  return { named, withKey };
}

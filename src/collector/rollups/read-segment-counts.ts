import type { NpsCounts } from '../../core/api-types';
import { addCounts, noCounts } from '../stats/nps-figures';
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
  const days = dayParts(plan, params);
  const rows = rowParts(plan, params);
  // Only the parameters a part uses are added: PostgreSQL refuses one it cannot type.
  const inScope = days.length
    ? `r.key = ${keyParam} and r.scope = ${params.add(scope.scope, 'smallint')}
      and r.stage = ${params.add(scope.stage, 'text')}`
    : '';
  const storedRows = rows.length ? storedRowsOf(scope, params) : '';
  const parts = days.flatMap((part) => [
    `select 'value' as kind, r.value, ${rollupSums(part.sign)} from nps_rollup_segment_days r
      where ${inScope} and r.value = any (${values}) and ${part.within('r.day')} group by r.value`,
    `select 'key' as kind, null as value, ${rollupSums(part.sign)} from nps_rollup_segment_key_days r
      where ${inScope} and ${part.within('r.day')}`,
  ]);
  for (const part of rows)
    parts.push(`select 'rows' as kind, case when v.value = any (${values}) then v.value end as value, ${storedSums(part.sign)}
      from nps_responses r cross join lateral (select nps_segment_value(r.traits, ${keyParam}) as value) v
      where ${part.within('r.shown_at')} and ${storedRows} and r.traits ->> ${keyParam} is not null group by 2`);
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

import type { Database } from '../store/database';

/** The day tables whose buckets are folded, with the columns that name a group. */
const DAY_TABLES = [
  { table: 'nps_rollup_days', group: ['scope', 'stage', 'day'] },
  { table: 'nps_rollup_segment_days', group: ['key', 'value', 'scope', 'stage', 'day'] },
  { table: 'nps_rollup_segment_key_days', group: ['key', 'scope', 'stage', 'day'] },
] as const;

const COUNTERS = ['shown', 'promoters', 'passives', 'detractors'];

/**
 * Folds the buckets of every day before yesterday (UTC) into one row per group, so that reading a
 * range costs one row per group and day, however many connections wrote it. A group whose counts
 * add up to nothing goes. Connections write only today's and yesterday's rows in their own bucket,
 * so this touches no row they are adding to. One transaction per table.
 * @returns how many bucket rows were folded
 * @example await compactRollups(db) // 1532
 */
export async function compactRollups(db: Database): Promise<number> {
  let folded = 0;
  for (const { table, group } of DAY_TABLES) {
    const columns = group.join(', ');
    const { rows } = await db.transaction(async (query) =>
      query(
        `with moved as (
           delete from ${table} r where (${group.map((c) => `r.${c}`).join(', ')}) in (
             select ${columns} from ${table} where bucket <> 0 and day < nps_rollup_recent_day())
           returning ${group.map((c) => `r.${c}`).join(', ')}, ${COUNTERS.map((c) => `r.${c}`).join(', ')}),
         kept as (
           insert into ${table} (${columns}, bucket, ${COUNTERS.join(', ')})
           select ${columns}, 0, ${COUNTERS.map((c) => `sum(${c})`).join(', ')} from moved
           group by ${columns} having ${COUNTERS.map((c) => `sum(${c}) <> 0`).join(' or ')}
           order by ${columns}
           returning 1)
         select (select count(*) from moved)::int as moved, (select count(*) from kept)::int as kept`,
      ),
    );
    folded += Number(rows[0]?.moved ?? 0) - Number(rows[0]?.kept ?? 0);
  }
  return folded;
}

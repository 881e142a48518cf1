/**
 * SQL that adds signed changes to one rollup table, used by the apply functions in
 * `rollup-apply-counts.ts` (migration text: changing this changes no shipped migration only as long
 * as the step that uses it has not shipped).
 */
export interface DeltaTarget {
  /** The rollup table. */
  table: string;
  /** The columns that name a group (without `bucket`), in the primary key's order. */
  groupColumns: readonly string[];
  /** The counter columns, and the expression summing each one's change over a group of `source` rows. */
  counters: readonly { column: string; change: string }[];
  /** The changed rows (a `from` list with joins), and the expression of each group column over them. */
  source: string;
  groupExpressions: readonly string[];
  /** Only source rows that pass (`where …`, or `''`). */
  filter?: string;
  /** The bucket a group's growth goes to (an expression over the group's columns). */
  bucket: string;
}

const list = (items: readonly string[]) => items.join(', ');

/**
 * The statements that apply the pending changes to one table. `shrink` is for the groups that lose
 * rows (erasure, a value or stage that changed): they are merged into one row in bucket 0 with the
 * change applied, and a group with nothing left is deleted, so no row keeps a value nobody has any
 * more. `grow` adds every other changed group to its bucket's row. Both write in key order.
 */
export function applyDeltas(target: DeltaTarget): { shrink: string; grow: string } {
  const { table, groupColumns, counters } = target;
  const group = list(target.groupExpressions);
  const changes = counters.map(({ column, change }) => `${change} as ${column}`);
  const grouped = `select ${target.groupExpressions.map((e, i) => `${e} as ${groupColumns[i]}`).join(', ')}, ${list(changes)}
      from ${target.source} ${target.filter ?? ''} group by ${group}`;
  const shown = counters[0].column;
  const counterColumns = counters.map((c) => c.column);
  const matches = (row: string, other: string) => groupColumns.map((c) => `${row}.${c} = ${other}.${c}`).join(' and ');
  const addUp = `on conflict (${list(groupColumns)}, bucket) do update set
    ${counterColumns.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}`;
  const shrink = `with losing as (select * from (${grouped}) g where g.${shown} < 0),
    merged as (delete from ${table} r using losing l where ${matches('r', 'l')}
      returning ${list(groupColumns.map((c) => `r.${c}`))}, ${list(counterColumns.map((c) => `r.${c}`))})
  insert into ${table} as r (${list(groupColumns)}, bucket, ${list(counterColumns)})
    select ${list(groupColumns)}, 0, ${list(counterColumns.map((c) => `sum(${c})`))}
    from (select * from merged union all select * from losing) m
    group by ${list(groupColumns)} order by ${list(groupColumns)}
  ${addUp};
  delete from ${table} r using (${grouped}) g
    where g.${shown} < 0 and ${matches('r', 'g')} and ${counterColumns.map((c) => `r.${c} = 0`).join(' and ')};`;
  const grow = `insert into ${table} as r (${list(groupColumns)}, bucket, ${list(counterColumns)})
    select ${list(groupColumns.map((c) => `g.${c}`))}, ${target.bucket}, ${list(counterColumns.map((c) => `g.${c}`))}
    from (${grouped}) g where g.${shown} >= 0 and (${counterColumns.map((c) => `g.${c} <> 0`).join(' or ')})
    order by ${list(groupColumns.map((c) => `g.${c}`))}
  ${addUp};`;
  return { shrink, grow };
}

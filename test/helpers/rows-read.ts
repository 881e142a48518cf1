/**
 * How much work the statements of a request do, measured without a clock: every statement is
 * recorded, then run again under `EXPLAIN (ANALYZE, FORMAT JSON)`, and the rows its scans read
 * (returned or filtered out) are added up. For read-only routes.
 */
import type { Database, Query } from '../../src/collector-entry';

/** A statement a request ran. */
export interface RecordedStatement {
  sql: string;
  params?: unknown[];
}

/** `db` with every statement run through `query` recorded in `statements` (transactions pass through). */
export function recordingDatabase(db: Database): { db: Database; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const query: Query = (sql, params) => {
    statements.push({ sql, params });
    return db.query(sql, params);
  };
  return { db: { ...db, query, transaction: (fn, options) => db.transaction(fn, options) }, statements };
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

function rowsOf(node: PlanNode): number {
  const loops = node['Actual Loops'] ?? 1;
  const own = SCANS.has(node['Node Type'])
    ? ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      loops
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsOf(child), 0);
}

/** The rows the scans of `statements` read, run again on `db`. */
export async function rowsRead(db: Database, statements: readonly RecordedStatement[]): Promise<number> {
  let total = 0;
  for (const { sql, params } of statements) {
    const { rows } = await db.query(`explain (analyze, format json) ${sql}`, params);
    const cell = Object.values(rows[0] ?? {})[0];
    const plans = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
    total += plans.reduce((sum, { Plan }) => sum + rowsOf(Plan), 0);
  }
  return total;
}

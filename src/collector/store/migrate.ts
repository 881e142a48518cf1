import type { Database } from './database';
import { MIGRATIONS } from './migrations';

// A dollar quote (`$$`, `$body$`) or a `;` that ends a line.
const STATEMENT_PARTS = /\$([A-Za-z_][A-Za-z_0-9]*)?\$|;[ \t]*(?:\r?\n|$)/g;

/**
 * The statements of one migration step: they are separated by a `;` at the end of a line, except
 * inside a dollar-quoted body (`$$ … $$`, `$tag$ … $tag$`), where a function's own statements end.
 * @example statementsOf('create table a (x int);\ncreate table b (y int);') // ['create table a (x int)', 'create table b (y int)']
 */
export function statementsOf(step: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let openQuote: string | undefined;
  for (const match of step.matchAll(STATEMENT_PARTS)) {
    if (match[0].startsWith('$')) {
      if (openQuote === undefined) openQuote = match[0];
      else if (openQuote === match[0]) openQuote = undefined;
      continue;
    }
    if (openQuote !== undefined) continue;
    statements.push(step.slice(start, match.index));
    start = match.index + match[0].length;
  }
  statements.push(step.slice(start));
  return statements.filter((statement) => statement.trim());
}

/**
 * Brings the schema up to date, in one transaction; an advisory lock keeps two collectors starting
 * at once from applying the same step twice. Safe to call at every start. Steps that build rollups
 * over a large table may take minutes, so the migration runs without the statement timeout.
 * @returns the schema version now in place
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db); // 6
 */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(
    async (query) => {
      await query('select pg_advisory_xact_lock(4242001)');
      await query(
        'create table if not exists nps_schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
      );
      const { rows } = await query('select coalesce(max(version), 0)::int as v from nps_schema_migrations');
      for (let version = Number(rows[0]?.v ?? 0); version < MIGRATIONS.length; version++) {
        for (const statement of statementsOf(MIGRATIONS[version])) await query(statement);
        await query('insert into nps_schema_migrations (version) values ($1)', [version + 1]);
      }
      return MIGRATIONS.length;
    },
    { timeoutMs: 0 },
  );
}

import type { Database } from './database';
import { MIGRATIONS } from './migrations';

/**
 * Brings the schema up to date, in one transaction; an advisory lock keeps two collectors starting
 * at once from applying the same step twice. Safe to call at every start.
 * @returns the schema version now in place
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db); // 5
 */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (query) => {
    await query('select pg_advisory_xact_lock(4242001)');
    await query(
      'create table if not exists nps_schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await query('select coalesce(max(version), 0)::int as v from nps_schema_migrations');
    for (let version = Number(rows[0]?.v ?? 0); version < MIGRATIONS.length; version++) {
      for (const statement of MIGRATIONS[version].split(/;\s*$/m).filter((s) => s.trim())) await query(statement);
      await query('insert into nps_schema_migrations (version) values ($1)', [version + 1]);
    }
    return MIGRATIONS.length;
  });
}

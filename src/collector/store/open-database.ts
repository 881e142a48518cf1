import { mkdirSync } from 'node:fs';
import type { Database, Query } from './database';
import { lockDataDir } from './data-dir-lock';

/** Options of {@link openDatabase}. */
export interface DatabaseOptions {
  /** A PostgreSQL connection string (`postgres://user:pass@host:5432/db`); unset: embedded PGlite. */
  url?: string;
  /**
   * Where PGlite keeps its files (`memory://` for a throwaway in-memory database). One process per
   * directory: a second one is refused with {@link DataDirLockedError}.
   * @default '.data'
   */
  dataDir?: string;
  /** Connections in the `pg` pool. @default 10 */
  poolSize?: number;
  /** Where errors of idle pooled connections go. @default console.error */
  log?: (message: string) => void;
}

/**
 * Opens PostgreSQL at `url` (through the optional peer dependency `pg`), or else an embedded PGlite
 * database in `dataDir` (through `@electric-sql/pglite`), locked to this process.
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data' });
 * await migrate(db);
 */
export async function openDatabase({
  url,
  dataDir = '.data',
  poolSize = 10,
  log = console.error,
}: DatabaseOptions = {}): Promise<Database> {
  return url ? openPostgres(url, poolSize, log) : openPglite(dataDir);
}

async function openPostgres(url: string, max: number, log: (message: string) => void): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (e) => log(`collector: idle PostgreSQL client failed: ${e.message}`));
  try {
    await pool.query('select 1'); // fail at start, not on the first request
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn((sql, params) => client.query(sql, params));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    const query: Query = (sql, params) => db.query<Record<string, unknown>>(sql, params);
    return {
      kind: 'pglite',
      query,
      transaction: (fn) => db.transaction((tx) => fn((sql, params) => tx.query<Record<string, unknown>>(sql, params))),
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

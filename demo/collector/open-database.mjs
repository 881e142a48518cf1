// @ts-check
import { mkdirSync } from 'node:fs';

/**
 * The little the collector needs from PostgreSQL; the same SQL runs on PGlite and on a server.
 * @typedef {(sql: string, params?: unknown[]) => Promise<{ rows: Record<string, any>[] }>} Query
 * @typedef {{ query: Query, transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>, close(): Promise<void>, kind: 'pglite' | 'postgres' }} Database
 */

/**
 * Opens PostgreSQL at `url` (through `pg`), or else an embedded PGlite database in `dataDir`
 * (in memory when `dataDir` is `memory://`).
 * @param {{ url?: string, dataDir?: string }} options
 * @returns {Promise<Database>}
 * @example const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data' });
 */
export async function openDatabase({ url, dataDir = '.data' }) {
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', (e) => console.error('collector: idle PostgreSQL client failed:', e.message));
    await pool.query('select 1'); // fail at start, not on the first request
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
        } catch (e) {
          await client.query('rollback').catch(() => {});
          throw e;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn((sql, params) => tx.query(sql, params))),
    close: () => db.close(),
  };
}

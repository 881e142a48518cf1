import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';
import type { Database, Query } from './database';
import { startPgliteWorker } from './pglite-worker-client';

/** What {@link openPglite} needs (the resolved `DatabaseOptions`). */
export interface PgliteSettings {
  dataDir: string;
  /** Milliseconds; 0: no limit. */
  statementTimeoutMs: number;
  restartAfterMs: number;
  log: (message: string) => void;
}

/**
 * Embedded PGlite in `dataDir` (through the optional peer dependency `@electric-sql/pglite`), locked
 * to this process and run in a worker thread (see `startPgliteWorker`). A statement that does not
 * answer within the statement timeout rejects with a `DatabaseUnavailableError`.
 */
export async function openPglite(settings: PgliteSettings): Promise<Database> {
  const { dataDir } = settings;
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const worker = await startPgliteWorker(settings);
    const limit = settings.statementTimeoutMs;
    const query: Query = async (sql, params) => ({
      rows: (await worker.request({ kind: 'query', sql, params }, limit)).rows ?? [],
    });
    return {
      kind: 'pglite',
      query,
      async transaction(fn, options = {}) {
        const timeoutMs = options.timeoutMs ?? limit;
        const begun = await worker.request({ kind: 'begin' }, timeoutMs);
        const transaction = begun.transaction ?? 0;
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn(async (sql, params) => ({
            rows: (await worker.request({ kind: 'query', sql, params, transaction }, timeoutMs)).rows ?? [],
          }));
        } catch (error) {
          await worker.request({ kind: 'end', transaction, commit: false }, timeoutMs).catch(() => {});
          throw error;
        }
        await worker.request({ kind: 'end', transaction, commit: true }, timeoutMs);
        return result;
      },
      async close() {
        try {
          await worker.close();
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

import type { Database } from './database';
import { openPglite } from './open-pglite';
import { openPostgres } from './open-postgres';

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
  /**
   * How long one statement may run, in milliseconds, before the request that needs it gets `503`
   * with `Retry-After` (a `DatabaseUnavailableError`). On PostgreSQL this is the server's
   * `statement_timeout`, and the client also gives up 1 s later on a server that does not answer at
   * all (`query_timeout`); on PGlite, which has no statement timeout, the collector stops waiting
   * (see `pgliteRestartAfterMs`). Migrations run without it. 0: no limit.
   * @default 5000
   */
  statementTimeoutMs?: number;
  /**
   * How long taking a PostgreSQL connection may wait (a new connection to a server that does not
   * accept it, or a free one from a busy pool): the `pg` pool's `connectionTimeoutMillis`.
   * @default 5000
   */
  connectionTimeoutMs?: number;
  /**
   * A PGlite worker that has not answered for this long (a statement that never ends) is stopped
   * and PGlite is opened again from `dataDir`, so the collector recovers by itself. Never for an
   * in-memory database, which would come back empty. 0: never.
   * @default 60000
   */
  pgliteRestartAfterMs?: number;
  /** Where errors of idle pooled connections and PGlite restarts go. @default console.error */
  log?: (message: string) => void;
}

/** The defaults of {@link DatabaseOptions}. */
const DATABASE_DEFAULTS = {
  dataDir: '.data',
  poolSize: 10,
  statementTimeoutMs: 5000,
  connectionTimeoutMs: 5000,
  pgliteRestartAfterMs: 60_000,
} as const;

const checkMs = (name: string, value: number) => {
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`openDatabase: ${name} must be a number of milliseconds, 0 or more, got ${value}`);
  return value;
};

/**
 * Opens PostgreSQL at `url` (through the optional peer dependency `pg`), or else an embedded PGlite
 * database in `dataDir` (through `@electric-sql/pglite`), locked to this process and run in a
 * worker thread. Statements have a timeout (`statementTimeoutMs`), and so has taking a connection
 * (`connectionTimeoutMs`): a hung or unreachable database gives a `DatabaseUnavailableError`,
 * which the collector answers with `503` and `Retry-After`, never a request that hangs.
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data' });
 * await migrate(db);
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const settings = { ...DATABASE_DEFAULTS, log: console.error, ...withoutUndefined(options) };
  const statementTimeoutMs = checkMs('statementTimeoutMs', settings.statementTimeoutMs);
  const connectionTimeoutMs = checkMs('connectionTimeoutMs', settings.connectionTimeoutMs);
  const restartAfterMs = checkMs('pgliteRestartAfterMs', settings.pgliteRestartAfterMs);
  if (settings.url)
    return openPostgres({
      url: settings.url,
      poolSize: settings.poolSize,
      statementTimeoutMs,
      connectionTimeoutMs,
      log: settings.log,
    });
  return openPglite({ dataDir: settings.dataDir, statementTimeoutMs, restartAfterMs, log: settings.log });
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

import type { PoolClient, QueryConfig } from 'pg';
import type { Database, Query, TransactionOptions } from './database';
import { asUnavailable, isRetryable, isUnavailable } from './database-unavailable';

/** What {@link openPostgres} needs (the resolved `DatabaseOptions`). */
export interface PostgresSettings {
  url: string;
  poolSize: number;
  /** Milliseconds; 0: no limit. */
  statementTimeoutMs: number;
  connectionTimeoutMs: number;
  log: (message: string) => void;
}

/**
 * How long past the statement timeout the client waits for a server that does not answer at all
 * (stopped, or its network gone): the server cancels a slow statement itself; this catches the rest.
 */
const RESPONSE_GRACE_MS = 1000;

/** A deadlock or serialization failure undid the transaction; it runs again this many times in all. */
const ATTEMPTS = 3;

/** The longest timer Node allows: "no limit" for a query on the client side. */
const NO_CLIENT_LIMIT_MS = 2 ** 31 - 1;

async function withRetries<T>(work: () => Promise<T>, what: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt < ATTEMPTS && isRetryable(error)) continue;
      throw asUnavailable(error, what);
    }
  }
}

/** The statement timeout of one transaction, and the client-side limit that goes with it. */
function transactionLimits(defaultMs: number, options: TransactionOptions) {
  const statementMs = options.timeoutMs ?? defaultMs;
  return { statementMs, clientMs: statementMs ? statementMs + RESPONSE_GRACE_MS : NO_CLIENT_LIMIT_MS };
}

/**
 * PostgreSQL through a `pg` pool (the optional peer dependency). Every statement has the statement
 * timeout on the server (`statement_timeout`) and, for a server that stops answering, a limit on the
 * client (`query_timeout`, {@link RESPONSE_GRACE_MS} longer); taking a connection has the connection
 * timeout. Each failure of that kind rejects with a `DatabaseUnavailableError`. A statement or
 * transaction undone by a deadlock or a serialization failure runs again (up to 3 times in all).
 */
export async function openPostgres(settings: PostgresSettings): Promise<Database> {
  const { default: pg } = await import('pg');
  const timeoutMs = settings.statementTimeoutMs;
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    statement_timeout: timeoutMs || undefined,
    query_timeout: timeoutMs ? timeoutMs + RESPONSE_GRACE_MS : undefined,
    keepAlive: true,
  });
  pool.on('error', (e) => settings.log(`collector: idle PostgreSQL client failed: ${e.message}`));
  try {
    await pool.query('select 1'); // fail at start, not on the first request
  } catch (error) {
    await pool.end().catch(() => {});
    throw asUnavailable(error, 'PostgreSQL');
  }

  async function inTransaction<T>(fn: (query: Query) => Promise<T>, options: TransactionOptions): Promise<T> {
    const { statementMs, clientMs } = transactionLimits(timeoutMs, options);
    const client: PoolClient = await pool.connect();
    let failure: unknown;
    try {
      await client.query('begin');
      if (statementMs !== timeoutMs) await client.query(`set local statement_timeout = ${Math.floor(statementMs)}`);
      const query: Query = (text, values) =>
        client.query({ text, values, query_timeout: clientMs } as QueryConfig & { query_timeout: number });
      const result = await fn(query);
      // The commit applies the rollups (a deferred trigger): it gets the transaction's limit too.
      await query('commit');
      return result;
    } catch (error) {
      failure = error;
      // A connection that timed out is dropped instead, which rolls back on the server.
      if (!isUnavailable(error)) await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      // A connection that timed out may still be busy: it is closed, not reused.
      client.release(isUnavailable(failure) ? (failure as Error) : undefined);
    }
  }

  return {
    kind: 'postgres',
    query: (sql, params) => withRetries(() => pool.query(sql, params), 'PostgreSQL'),
    transaction: (fn, options = {}) => withRetries(() => inTransaction(fn, options), 'PostgreSQL'),
    close: () => pool.end(),
  };
}

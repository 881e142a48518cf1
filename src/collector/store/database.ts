/** One SQL statement with `$1`-style parameters; the same SQL runs on PGlite and on a server. */
export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Options of one {@link Database.transaction}. */
export interface TransactionOptions {
  /**
   * How long each statement of the transaction may run, in milliseconds; 0: no limit (migrations,
   * which build rollups over every stored row).
   * @default the database's `statementTimeoutMs`
   */
  timeoutMs?: number;
}

/** The little the collector needs from PostgreSQL. {@link openDatabase} makes one. */
export interface Database {
  /** `pglite`: embedded, one process per data directory; `postgres`: a server through `pg`. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs one statement. Rejects with a {@link DatabaseUnavailableError} when the database cannot be
   * reached or does not answer within the statement timeout.
   */
  query: Query;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (query: Query) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Closes the connections (and releases a PGlite data directory). */
  close(): Promise<void>;
}

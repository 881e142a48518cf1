/** One SQL statement with `$1`-style parameters; the same SQL runs on PGlite and on a server. */
export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** The little the collector needs from PostgreSQL. {@link openDatabase} makes one. */
export interface Database {
  /** `pglite`: embedded, one process per data directory; `postgres`: a server through `pg`. */
  readonly kind: 'pglite' | 'postgres';
  query: Query;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** Closes the connections (and releases a PGlite data directory). */
  close(): Promise<void>;
}

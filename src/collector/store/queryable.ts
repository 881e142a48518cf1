/**
 * The little the alert and follow-up code needs from a database: run one SQL statement with
 * positional parameters. The collector's `Database.query`, the `query` a transaction hands out,
 * `pg`'s `Pool#query` and PGlite's `query` all fit, so the same functions run inside the upsert's
 * transaction or on their own.
 */
export type Row = Record<string, unknown>;

/** Runs one SQL statement (`$1`, `$2`, … for `params`). */
export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Row[] }>;

/** Something that can run statements, such as the collector's `Database`. */
export interface Queryable {
  query: Query;
}

/** A timestamp column as ISO 8601 (pg and PGlite give `Date`s; a `to_char` column is already a string). */
export function isoOf(value: unknown): string | null {
  return value == null ? null : requiredIsoOf(value);
}

/** A `not null` timestamp column (or a required time) as ISO 8601. */
export function requiredIsoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

/** Milliseconds since the epoch of a timestamp column. */
export const millisOf = (value: unknown): number =>
  value instanceof Date ? value.getTime() : Date.parse(String(value));

/** A nullable text column. */
export const textOf = (value: unknown): string | null => (value == null ? null : String(value));

/**
 * Parameter `$n`, a number of milliseconds, as an SQL interval.
 * @example `now() + ${millisecondsParam(1)}` // now() + ($1::float8 * interval '1 millisecond')
 */
export const millisecondsParam = (n: number): string => `($${n}::float8 * interval '1 millisecond')`;

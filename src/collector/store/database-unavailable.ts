/**
 * The database cannot answer now: it is unreachable, a connection could not be had in time, or a
 * statement ran past the statement timeout (a hung, stopped or overloaded server, a stuck PGlite
 * worker). The collector answers `503` with `Retry-After` ({@link retryAfterSeconds}); the widget's
 * outbox then sends again later, and nothing is lost.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds a client should wait before trying again. */
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE classes and codes of a database that cannot answer now (the statement did nothing):
// 08 connection exceptions, 53 insufficient resources (too many connections, out of memory or disk),
// 57014 statement timeout, 57P01-57P05 shutdown, crash, cannot connect now, idle timeouts, 55P03 lock
// timeout, and 40001/40P01 (serialization failure, deadlock) when a retry did not help.
const UNAVAILABLE_STATES = /^(08|53|57014|57P0[1-5]|55P03|40001|40P01)/;

// What `pg` and Node say when the server does not answer or went away.
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|not queryable|Connection ended|timeout expired/i;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * Whether `error` (from `pg`) means the database cannot answer now rather than that the statement
 * is wrong: see {@link DatabaseUnavailableError}.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/** Deadlock or serialization failure: the transaction did nothing and may simply run again. */
export const isRetryable = (error: unknown): boolean => {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '40P01' || code === '40001';
};

/** `error` as a {@link DatabaseUnavailableError} when it is one (see {@link isUnavailable}), else as it is. */
export function asUnavailable(error: unknown, what: string): unknown {
  if (error instanceof DatabaseUnavailableError || !isUnavailable(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DatabaseUnavailableError(`${what}: ${message}`, 5, { cause: error });
}

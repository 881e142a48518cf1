/**
 * An error as one log line: its message, and its cause's (fetch puts the network error there).
 * @example errorMessage(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })) // 'fetch failed: ECONNREFUSED'
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

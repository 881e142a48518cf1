import { DatabaseUnavailableError } from '../store/database-unavailable';
import { HttpError } from './http-error';
import { type RefusedRequest, refusedRequest } from './refused-request';
import { jsonReply } from './security-headers';

/**
 * The reply to a request that failed: an {@link HttpError} as its status and message (a refusal:
 * not logged as a fault, but a 4xx goes to `onRefused`, from `client`); a database that does not answer in time as a 503 with `Retry-After` (logged in one
 * line); anything else as a 500, logged with its stack, since it is a fault of the collector.
 * @example failureReply(request, new HttpError(400, 'body is not JSON'), console.error) // 400 { error: 'body is not JSON' }
 */
export function failureReply(
  request: Request,
  error: unknown,
  log: (message: string) => void,
  onRefused?: (refused: RefusedRequest) => void,
  client = 'unknown',
): Response {
  if (error instanceof HttpError) {
    if (error.status < 500) onRefused?.(refusedRequest(request, error.status, error.message, client));
    return jsonReply(error.status, { error: error.message }, error.headers);
  }
  if (error instanceof DatabaseUnavailableError) {
    log(`collector: ${request.method} ${new URL(request.url).pathname} answered 503: ${error.message}`);
    return jsonReply(
      503,
      { error: 'the database is unavailable: try again later' },
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  }
  const what = error instanceof Error ? error.stack : String(error);
  log(`collector: ${request.method} ${new URL(request.url).pathname} failed: ${what}`);
  return jsonReply(500, { error: 'internal error' });
}

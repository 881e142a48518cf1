/**
 * A request the collector refused (a 4xx reply), as its log line tells it: never the body, the query
 * or a user id, only what an operator needs to see why a widget's requests fail.
 */
export interface RefusedRequest {
  /** The reply's status, e.g. 403. */
  status: number;
  /** Why, as the reply's `{ error }` says it, e.g. `origin not allowed`. */
  reason: string;
  method: string;
  /** The path without its query; a user id in it is replaced by `:userId`. */
  path: string;
  /** The request's `Origin` header, or null when it had none (not a browser page). */
  origin: string | null;
  /** The client's address (see `trustProxy`), or `unknown`. */
  clientAddress: string;
}

// Paths that carry a user id (personal data): the log names the route, not the id.
const USER_PATH = /^(\/api\/users\/)[^/]+/;

/**
 * A path as a log line may show it: a user id in it becomes `:userId`.
 * @example pathForLog('/api/users/alice') // '/api/users/:userId'
 */
export const pathForLog = (pathname: string): string => pathname.replace(USER_PATH, '$1:userId');

/**
 * The log entry of a refused request.
 * @example refusedRequest(request, 403, 'origin not allowed', '203.0.113.9').path // '/api/nps'
 */
export function refusedRequest(
  request: Request,
  status: number,
  reason: string,
  clientAddress: string,
): RefusedRequest {
  const { pathname } = new URL(request.url);
  return {
    status,
    reason,
    method: request.method,
    path: pathForLog(pathname),
    origin: request.headers.get('origin'),
    clientAddress,
  };
}

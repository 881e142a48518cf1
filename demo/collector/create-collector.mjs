// @ts-check
import { HttpError, json, readText, sameSecret } from './http.mjs';
import { createRateLimiter } from './rate-limiter.mjs';
import { validateBatch } from './validate-batch.mjs';
import { createDashboard } from './dashboard-routes.mjs';

/**
 * @typedef {object} CollectorOptions
 * @property {import('./response-store.mjs').ResponseStore} store where responses go (see createResponseStore)
 * @property {string[]} [allowedOrigins] origins besides the collector's own that may POST (CORS); "*" allows any (default: [])
 * @property {string} [writeKey] when set, `POST /api/nps` needs it in the `X-NPS-Write-Key` header
 * @property {string} dashboardToken the Bearer token of the dashboard and its read API
 * @property {number} [maxBodyBytes] larger bodies get 413 (default: 262144)
 * @property {{ limit: number, windowMs: number }} [rateLimit] per client, for `POST /api/nps` (default: { limit: 120, windowMs: 60000 })
 * @property {() => number} [now] clock (tests)
 * @property {(message: string) => void} [log] where server errors go (default: console.error)
 */

/**
 * Extra facts about a request that a Request cannot carry; the Node adapter fills them in.
 * @typedef {{ clientAddress?: string }} RequestInfo
 */

/** Paths the collector answers; everything else is for the host app. */
export const COLLECTOR_PATHS = /^\/(api\/|dashboard(\/|$)|login$|logout$)/;

/**
 * The reference collector as a fetch-style handler, `(Request) => Promise<Response>`, so it can be
 * mounted on Node's http server, Deno, Bun, a worker or any framework that speaks Request/Response.
 * Serves `POST /api/nps` (the wire format), the dashboard and its read API.
 * @param {CollectorOptions} options
 * @returns {(request: Request, info?: RequestInfo) => Promise<Response>}
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db);
 * const handle = createCollector({ store: createResponseStore(db), dashboardToken: 'secret' });
 * const res = await handle(new Request('http://localhost/api/stats', { headers: { authorization: 'Bearer secret' } }));
 */
export function createCollector(options) {
  const {
    store,
    allowedOrigins = [],
    writeKey,
    maxBodyBytes = 256 * 1024,
    rateLimit = { limit: 120, windowMs: 60_000 },
    now = Date.now,
    log = console.error,
  } = options;
  const limiter = createRateLimiter({ ...rateLimit, now });
  const dashboard = createDashboard({ store, token: options.dashboardToken, limiter: createRateLimiter({ limit: 10, windowMs: 60_000, now }) });

  /**
   * CORS headers for `origin`, or undefined when it may not post here.
   * @param {Request} request
   * @returns {Record<string, string> | undefined}
   */
  const corsFor = (request) => {
    const origin = request.headers.get('origin');
    // No Origin: not a browser page (curl, a server); the write key is what guards those.
    if (origin == null) return {};
    if (origin == new URL(request.url).origin) return { vary: 'Origin' };
    if (allowedOrigins.includes(origin) || allowedOrigins.includes('*'))
      return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' };
  };

  /**
   * @param {Request} request
   * @param {RequestInfo} info
   * @param {Record<string, string>} cors
   */
  async function ingest(request, info, cors) {
    const wait = limiter.take(info.clientAddress ?? 'unknown');
    if (wait) throw new HttpError(429, 'too many requests', { 'retry-after': String(wait) });
    if (writeKey && !sameSecret(request.headers.get('x-nps-write-key'), writeKey))
      throw new HttpError(401, 'missing or wrong X-NPS-Write-Key header');
    const text = await readText(request, maxBodyBytes);
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
    const result = validateBatch(body);
    if ('error' in result) throw new HttpError(400, result.error);
    await store.upsert(result.valid);
    return json(200, { rejected: result.rejected }, cors);
  }

  return async function collector(request, info = {}) {
    const { pathname } = new URL(request.url);
    /** @type {Record<string, string>} */
    let cors = {};
    try {
      if (pathname != '/api/nps') return await dashboard(request, info);
      const allowed = corsFor(request);
      if (!allowed) throw new HttpError(403, 'origin not allowed');
      cors = allowed;
      if (request.method == 'OPTIONS')
        return new Response(null, {
          status: 204,
          headers: {
            ...cors,
            'access-control-allow-methods': 'POST',
            'access-control-allow-headers': 'Content-Type, X-NPS-Write-Key',
            'access-control-max-age': '600',
          },
        });
      if (request.method != 'POST') throw new HttpError(405, 'use POST', { allow: 'POST, OPTIONS' });
      return await ingest(request, info, cors);
    } catch (e) {
      if (e instanceof HttpError) return json(e.status, { error: e.message }, { ...cors, ...e.headers });
      log(`collector: ${request.method} ${pathname} failed: ${e instanceof Error ? e.stack : e}`);
      return json(500, { error: 'internal error' }, cors);
    }
  };
}

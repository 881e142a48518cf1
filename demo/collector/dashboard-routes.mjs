// @ts-check
import { readFile } from 'node:fs/promises';
import { HttpError, PAGE_HEADERS, cookie, json, readText, sameSecret, sessionValue } from './http.mjs';
import { csvLine } from './to-csv.mjs';

const ASSETS = new URL('./dashboard/', import.meta.url);
const FILES = /** @type {Record<string, string>} */ ({
  'dashboard.js': 'text/javascript',
  'dashboard.css': 'text/css',
  'login.js': 'text/javascript',
  'favicon.svg': 'image/svg+xml',
});
const COOKIE = 'nps_dashboard';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d\d-\d\d$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;
const CSV_COLUMNS = 'id status score category comment userId anonymousId stage locale page shownAt answeredAt updatedAt sdk followedUp followUpNote traits metadata'.split(' ');

/** @param {string} name @param {Record<string, string>} [headers] @param {number} [status] */
const page = async (name, headers = {}, status = 200) =>
  new Response(await readFile(new URL(name, ASSETS)), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS, ...headers },
  });
/** @param {string} location @param {Record<string, string>} [headers] */
const redirect = (location, headers = {}) => new Response(null, { status: 303, headers: { location, ...headers } });

/**
 * Reads the filters of the read API: `stage`, `from`, `to` (YYYY-MM-DD, inclusive, or ISO date-times),
 * and for listings `category`, `status`, `hasComment` (true/false), `limit`, `after`.
 * @param {URLSearchParams} q
 * @returns {import('./response-store.mjs').ListFilter}
 */
export function parseFilter(q) {
  /** @param {string} name @param {boolean} [end] */
  const date = (name, end) => {
    const v = q.get(name);
    if (!v) return undefined;
    const d = new Date(DAY.test(v) ? v + 'T00:00:00Z' : v);
    // Date-times need an offset: without one, the server's time zone would decide what they mean.
    if (isNaN(+d) || !(DAY.test(v) || DATE_TIME.test(v)))
      throw new HttpError(400, `${name} must be a day (YYYY-MM-DD) or an ISO date-time with an offset, got ${JSON.stringify(v)}`);
    // A day given as `to` includes that whole day.
    if (end && DAY.test(v)) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  };
  /** @param {string} name @param {string[]} allowed */
  const oneOf = (name, allowed) => {
    const v = q.get(name) || undefined;
    if (v != null && !allowed.includes(v)) throw new HttpError(400, `${name} must be one of ${allowed.join(', ')}`);
    return v;
  };
  const stage = q.get('stage') || undefined;
  if (stage && stage.length > 200) throw new HttpError(400, 'stage is too long');
  const limit = q.get('limit');
  if (limit != null && !/^\d{1,4}$/.test(limit)) throw new HttpError(400, 'limit must be an integer from 1 to 1000');
  const hasComment = oneOf('hasComment', ['true', 'false']);
  const after = q.get('after') || undefined;
  if (after && !UUID.test(after)) throw new HttpError(400, 'after must be a response id');
  return {
    stage,
    from: date('from'),
    to: date('to', true),
    category: oneOf('category', ['detractor', 'passive', 'promoter']),
    status: oneOf('status', ['shown', 'answered', 'dismissed']),
    hasComment: hasComment == null ? undefined : hasComment == 'true',
    limit: limit == null ? undefined : +limit,
    after,
  };
}

/**
 * The dashboard pages and the token-protected read API (`/api/stats`, `/api/responses`,
 * `/api/export.csv`, `PATCH /api/responses/:id`). Auth: `Authorization: Bearer <token>`, or the
 * session cookie that the login page sets (HttpOnly, SameSite=Strict).
 * @param {{ store: import('./response-store.mjs').ResponseStore, token: string, limiter: ReturnType<typeof import('./rate-limiter.mjs').createRateLimiter> }} o
 * @returns {(request: Request, info?: import('./create-collector.mjs').RequestInfo) => Promise<Response>}
 */
export function createDashboard({ store, token, limiter }) {
  if (!token) throw new TypeError('collector: dashboardToken is required');
  const session = sessionValue(token);
  /** @param {Request} request */
  const authorised = (request) => {
    const auth = request.headers.get('authorization');
    if (auth) return /^Bearer /i.test(auth) && sameSecret(auth.slice(7).trim(), token);
    if (!sameSecret(cookie(request, COOKIE), session)) return false;
    // Cookie auth on a write must come from our own pages (SameSite covers browsers; this covers the rest).
    const origin = request.headers.get('origin');
    return request.method == 'GET' || origin == new URL(request.url).origin;
  };

  return async (request, info = {}) => {
    const url = new URL(request.url);
    const { pathname } = url;
    const m = request.method;
    const secure = url.protocol == 'https:' ? '; Secure' : '';

    if (pathname.startsWith('/dashboard/') && m == 'GET') {
      const name = pathname.slice('/dashboard/'.length);
      // Own keys only: 'constructor' or '__proto__' must be a 404, not Object.prototype's members.
      const type = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
      if (!type) throw new HttpError(404, 'not found');
      return new Response(await readFile(new URL(name, ASSETS)), { headers: { 'content-type': type, 'x-content-type-options': 'nosniff' } });
    }
    if (pathname == '/login' && m == 'GET') return page('login.html');
    if (pathname == '/login' && m == 'POST') {
      if (limiter.take(info.clientAddress ?? 'unknown')) throw new HttpError(429, 'too many login attempts', { 'retry-after': '60' });
      const given = new URLSearchParams(await readText(request, 4096)).get('token');
      if (!sameSecret(given, token)) return redirect('/login?failed=1');
      return redirect('/dashboard', { 'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200${secure}` });
    }
    if (pathname == '/logout' && m == 'POST')
      return redirect('/login', { 'set-cookie': `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure}` });

    const ok = authorised(request);
    if (pathname == '/dashboard' && m == 'GET') return ok ? page('dashboard.html') : redirect('/login');
    if (!pathname.startsWith('/api/')) throw new HttpError(404, 'not found');
    if (!ok) throw new HttpError(401, 'dashboard token required', { 'www-authenticate': 'Bearer realm="nps dashboard"' });

    if (pathname == '/api/stats' && m == 'GET') return json(200, await store.stats(parseFilter(url.searchParams)));
    if (pathname == '/api/responses' && m == 'GET') return json(200, { responses: await store.list(parseFilter(url.searchParams)) });
    if (pathname == '/api/export.csv' && m == 'GET') return exportCsv(store, parseFilter(url.searchParams));
    const patch = /^\/api\/responses\/([^/]+)$/.exec(pathname);
    if (patch && m == 'PATCH') {
      if (!UUID.test(patch[1])) throw new HttpError(404, 'no such response');
      let body;
      try {
        body = JSON.parse(await readText(request, 16_384));
      } catch (e) {
        throw e instanceof HttpError ? e : new HttpError(400, 'body is not JSON');
      }
      const { followedUp, note } = body ?? {};
      if (typeof followedUp != 'boolean') throw new HttpError(400, 'followedUp must be true or false');
      if (note != null && (typeof note != 'string' || note.length > 2000)) throw new HttpError(400, 'note must be a string of at most 2000 characters');
      const row = await store.followUp(patch[1], { followedUp, note: note?.trim() || null });
      if (!row) throw new HttpError(404, 'no such response');
      return json(200, row);
    }
    throw new HttpError(404, 'not found');
  };
}

/**
 * Streams every matching record as CSV, a page at a time, so a large table never sits in memory.
 * @param {import('./response-store.mjs').ResponseStore} store
 * @param {import('./response-store.mjs').ListFilter} filter
 */
function exportCsv(store, filter) {
  /** @type {string | undefined} */
  let after;
  let first = true;
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    async pull(controller) {
      let text = '';
      if (first) text = '\uFEFF' + csvLine(CSV_COLUMNS); // the BOM makes spreadsheets read UTF-8
      first = false;
      const rows = await store.list({ ...filter, limit: 1000, after });
      for (const r of rows) text += csvLine(CSV_COLUMNS.map((c) => r[c]));
      controller.enqueue(encoder.encode(text));
      if (rows.length < 1000) controller.close();
      else after = rows[rows.length - 1].id;
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="nps-responses.csv"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

// @ts-check
// The built dashboard (dist/dashboard/) served as the collector serves it, under the collector's
// strict CSP, with an in-memory read API answering the api-types shapes: for the dashboard's browser
// tests and screenshots, without a database.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createFakeCollector } from './dashboard-fake-collector.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";
const DIST = new URL('../../dist/dashboard/', import.meta.url);
const FILES = /** @type {Record<string, string>} */ ({
  'dashboard.js': 'text/javascript',
  'dashboard.css': 'text/css',
  'login.js': 'text/javascript',
  'favicon.svg': 'image/svg+xml',
});

/**
 * Starts the server on 127.0.0.1 (a free port).
 * @param {{ collector?: ReturnType<typeof createFakeCollector> }} [o]
 */
export async function startFakeDashboardServer({ collector = createFakeCollector() } = {}) {
  const headers = {
    'content-security-policy': STRICT_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  /** @type {(res: import('node:http').ServerResponse, status: number, body: unknown) => void} */
  const json = (res, status, body) =>
    void res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
  /** @type {(res: import('node:http').ServerResponse, file: string, type: string) => Promise<void>} */
  const file = async (res, name, type) =>
    void res.writeHead(200, { ...headers, 'content-type': type }).end(await readFile(new URL(name, DIST)));

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    const range = { stage: q.get('stage') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const path = url.pathname;
      if (req.method === 'GET' && path === '/dashboard')
        return await file(res, 'index.html', 'text/html; charset=utf-8');
      if (req.method === 'GET' && path === '/login') return await file(res, 'login.html', 'text/html; charset=utf-8');
      if (req.method === 'GET' && path.startsWith('/dashboard/')) {
        const name = path.slice('/dashboard/'.length);
        if (Object.hasOwn(FILES, name)) return await file(res, name, FILES[name]);
      }
      if (req.method === 'POST' && path === '/login') return void res.writeHead(303, { location: '/dashboard' }).end();
      if (req.method === 'POST' && path === '/logout') return void res.writeHead(303, { location: '/login' }).end();
      if (req.method === 'GET' && path === '/api/stats')
        return json(res, 200, collector.stats({ ...range, segment: q.get('segment') ?? '' }));
      if (req.method === 'GET' && path === '/api/responses') {
        const hasComment = q.get('hasComment');
        return json(
          res,
          200,
          collector.responses({
            ...range,
            status: q.get('status') ?? undefined,
            followUp: q.get('followUp') ?? undefined,
            hasComment: hasComment == null ? undefined : hasComment === 'true',
            limit: q.has('limit') ? Number(q.get('limit')) : undefined,
            cursor: q.get('cursor'),
          }),
        );
      }
      const patch = /^\/api\/responses\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && patch) {
        const found = collector.response(decodeURIComponent(patch[1]));
        return found ? json(res, 200, found) : json(res, 404, { error: 'no such response' });
      }
      if (req.method === 'PATCH' && patch) {
        const updated = collector.updateFollowUp(decodeURIComponent(patch[1]), JSON.parse(body));
        return updated ? json(res, 200, updated) : json(res, 404, { error: 'no such response' });
      }
      if (req.method === 'GET' && path === '/api/segments') return json(res, 200, collector.segments());
      const user = /^\/api\/users\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && user) return json(res, 200, collector.userHistory(decodeURIComponent(user[1])));
      if (req.method === 'GET' && path === '/api/recovered') return json(res, 200, collector.recovered(range));
      if (req.method === 'GET' && path === '/api/alerts')
        return json(res, 200, collector.alerts(q.get('state') ?? undefined));
      if (req.method === 'GET' && path === '/api/export.csv')
        return void res.writeHead(200, { ...headers, 'content-type': 'text/csv; charset=utf-8' }).end('id,score\r\n');
      json(res, 404, { error: 'not found' });
    } catch (e) {
      json(res, 500, { error: e instanceof Error ? e.message : String(e) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    collector,
    /** @returns {Promise<void>} */
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

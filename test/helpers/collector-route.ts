// The real collector (nps-widget/collector's sources on an in-memory PGlite) as a route of the test
// server, for browser tests that need its actual behaviour: every request to a collector path goes
// through it. `dropReplies` makes it store what it receives and then drop the connection, as a reply
// lost on a flaky network (the widget keeps the records and sends them again).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COLLECTOR_PATHS, type CollectorOptions, createCollector, type Database } from '../../src/collector-entry';
import { freshStore } from '../collector/fixtures';

/** A request to /api/nps and the reply the collector gave (dropped or not). */
interface IngestExchange {
  ids: string[];
  status: number;
  reply: { rejected?: { id: string; error: string }[]; error?: string };
  dropped: boolean;
}

const requestOf = (req: IncomingMessage, body: string, url: string): Request => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value);
  const method = req.method ?? 'GET';
  return new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
};

/** Starts the collector over a fresh in-memory database; `options` are the collector's (store and token are set). */
export async function startTestCollector(options: Partial<CollectorOptions> = {}) {
  const { db, store } = await freshStore();
  const token = 'test-collector-token-0123';
  const collector = createCollector({ store, dashboardToken: token, log: () => {}, ...options });
  const exchanges: IngestExchange[] = [];
  const state = { dropReplies: false };
  const route = async (req: IncomingMessage, res: ServerResponse, body: string): Promise<boolean> => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (!COLLECTOR_PATHS.test(url.pathname)) return false;
    const response = await collector(requestOf(req, body, url.href), { clientAddress: '127.0.0.1' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const dropped = state.dropReplies && url.pathname === '/api/nps' && req.method === 'POST';
    if (url.pathname === '/api/nps' && req.method === 'POST') {
      const ids = (JSON.parse(body) as { responses: { id: string }[] }).responses.map((r) => r.id);
      exchanges.push({ ids, status: response.status, reply: JSON.parse(bytes.toString() || '{}'), dropped });
    }
    if (dropped) {
      req.socket.destroy();
      return true;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(bytes);
    return true;
  };
  return {
    db: db as Database,
    route,
    exchanges,
    state,
    /** Calls the read API as the dashboard would (Bearer token). */
    api: (path: string, init: RequestInit = {}) =>
      collector(new Request(`http://127.0.0.1${path}`, { ...init, headers: { authorization: `Bearer ${token}` } })),
    async close() {
      await collector.close();
      await db.close();
    },
  };
}

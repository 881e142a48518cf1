import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const ROOT = new URL('../..', import.meta.url).pathname;
/**
 * Where `/dist/*` is served from: the repository's dist/ unless `NPS_DIST` names another build
 * (e.g. `NPS_DIST=/tmp/other-branch/dist npx vitest run …` to run these tests against another build).
 */
const DIST = process.env.NPS_DIST ? normalize(`${process.env.NPS_DIST}/`) : join(ROOT, 'dist/');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css',
};

/**
 * Where a test server serves the files test pages load (test/fixtures/page-assets/: scripts and styles
 * that must be external files, e.g. under a strict CSP): `${FIXTURES}/log-events.js`.
 */
export const FIXTURES = '/test/fixtures/page-assets';

/** A route: return true when it answered the request. */
export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

export interface TestServer {
  url: string;
  /** Serve `html` at `path` with optional response headers (e.g. a CSP). */
  page(path: string, html: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/**
 * A static server on 127.0.0.1 (random port) for browser tests: files from the repository
 * (`/dist/nps.js`, …), pages registered with `page()`, and custom routes tried first.
 */
export async function serve(routes: Route[] = []): Promise<TestServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    try {
      for (const r of routes) if (await r(req, res, body)) return;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const p = pages.get(path);
      if (p) return void res.writeHead(200, { 'content-type': 'text/html', ...p.headers }).end(p.html);
      const file = path.startsWith('/dist/') ? normalize(join(DIST, path.slice(6))) : normalize(join(ROOT, path));
      if (!(file.startsWith(ROOT) || file.startsWith(DIST)) || file.includes('node_modules/.'))
        throw new Error('outside');
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data);
    } catch {
      if (!res.headersSent) res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    page: (path, html, headers = {}) => void pages.set(path, { html, headers }),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// Browser and server for the bench: the project's own launchBrowser() (test/helpers/browser.ts,
// transpiled on the fly because Node 20 cannot import TypeScript) and a 127.0.0.1 server whose
// measured files are cacheable, whose pages are not, and whose collector counts what it receives.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('../..', import.meta.url).pathname;

/** launchBrowser() from test/helpers/browser.ts, so the bench uses exactly the tests' flags. */
export async function launchBrowser() {
  const src = readFileSync(join(ROOT, 'test/helpers/browser.ts'), 'utf8');
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  // Written under the repo so that 'playwright-core' resolves from the project's node_modules.
  const dir = new URL('./.peers/helpers/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'browser.mjs'), js);
  const mod = await import(join(dir, 'browser.mjs') + `?t=${Date.now()}`);
  return mod.launchBrowser();
}

/**
 * Starts the bench server. `files` maps a URL path to a file on disk (served with a one-year
 * Cache-Control so later loads come from the HTTP cache); `page(path, html)` registers no-store
 * HTML; POST /api/nps is a collector that answers 200 and counts requests, records and bytes.
 */
export async function startServer(files = {}) {
  const pages = new Map();
  const collector = {
    requests: 0,
    records: 0,
    bytes: 0,
    ids: new Set(),
    reset() {
      this.requests = this.records = this.bytes = 0;
      this.ids = new Set();
    },
  };
  const cache = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'POST' && path === '/api/nps') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        collector.requests++;
        collector.bytes += body.length;
        try {
          for (const r of JSON.parse(body).responses ?? []) {
            collector.records++;
            collector.ids.add(r.id);
          }
        } catch {}
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    if (pages.has(path))
      return void res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(pages.get(path));
    if (files[path]) {
      let body = cache.get(path);
      if (!body) {
        body = readFileSync(files[path]);
        cache.set(path, body);
      }
      return void res
        .writeHead(200, {
          'content-type': 'text/javascript',
          'cache-control': 'public, max-age=31536000',
          'content-length': body.length,
        })
        .end(body);
    }
    if (path === '/favicon.ico') return void res.writeHead(204, { 'cache-control': 'max-age=31536000' }).end();
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    collector,
    page: (path, html) => pages.set(path, html),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const median = (xs) => quantile(xs, 0.5);
/** Nearest-rank quantile of the finite samples (NaN when there are none). */
export function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : NaN;
}

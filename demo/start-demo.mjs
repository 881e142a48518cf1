// @ts-check
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { COLLECTOR_PATHS, createCollector } from './collector/create-collector.mjs';
import { openDatabase } from './collector/open-database.mjs';
import { migrate } from './collector/migrate.mjs';
import { createResponseStore } from './collector/response-store.mjs';
import { toNodeListener } from './collector/node-adapter.mjs';
import { createStaticSite } from './static-site.mjs';

/**
 * Settings of the demo server, from the environment.
 * @typedef {{ PORT?: string, DATABASE_URL?: string, DATA_DIR?: string, ALLOWED_ORIGINS?: string,
 *   NPS_WRITE_KEY?: string, DASHBOARD_TOKEN?: string, RATE_LIMIT?: string }} DemoEnv
 */

/**
 * Starts the demo app, the collector and the dashboard on one port of 127.0.0.1.
 * @param {DemoEnv} env
 * @returns {Promise<{ url: string, token: string, close(): Promise<void>, store: import('./collector/response-store.mjs').ResponseStore, dbKind: string }>}
 */
export async function startDemo(env) {
  const port = Number(env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  const rate = Number(env.RATE_LIMIT ?? 120);
  if (!(rate > 0)) throw new TypeError(`RATE_LIMIT must be a positive number of requests per minute, got ${JSON.stringify(env.RATE_LIMIT)}`);
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean);
  for (const o of allowedOrigins) if (o != '*' && !/^https?:\/\/[^/]+$/.test(o)) throw new TypeError(`ALLOWED_ORIGINS: "${o}" is not an origin like https://app.example.com`);
  const token = env.DASHBOARD_TOKEN || randomBytes(18).toString('base64url');

  const db = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || '.data' });
  await migrate(db);
  const store = createResponseStore(db);
  const collector = createCollector({
    store,
    allowedOrigins,
    writeKey: env.NPS_WRITE_KEY || undefined,
    dashboardToken: token,
    rateLimit: { limit: rate, windowMs: 60_000 },
  });
  const site = createStaticSite({ writeKey: env.NPS_WRITE_KEY });
  const server = createServer(
    toNodeListener((request, info) => (COLLECTOR_PATHS.test(new URL(request.url).pathname) ? collector(request, info) : site(request))),
  );
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    store,
    dbKind: db.kind,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(() => r(undefined)));
      await db.close();
    },
  };
}

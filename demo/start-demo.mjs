// @ts-check
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  COLLECTOR_PATHS,
  createCollector,
  createResponseStore,
  migrate,
  openDatabase,
  toNodeListener,
} from 'nps-widget/collector';
import { createDemoWebhook } from './demo-webhook.mjs';
import { createStaticSite } from './static-site.mjs';

/**
 * Settings of the demo server, from the environment.
 * @typedef {{ PORT?: string, DATABASE_URL?: string, DATA_DIR?: string, ALLOWED_ORIGINS?: string,
 *   NPS_WRITE_KEY?: string, DASHBOARD_TOKEN?: string, RATE_LIMIT?: string, TRUST_PROXY?: string,
 *   WEBHOOK_URL?: string, WEBHOOK_SECRET?: string, WEBHOOK_ON?: string, WEBHOOK_FORMAT?: string,
 *   SEGMENT_KEYS?: string }} DemoEnv
 */

/**
 * What a running demo is.
 * @typedef {{ url: string, token: string, storage: string, firstStart: boolean, allowedOrigins: string[],
 *   writeKeyRequired: boolean, webhook: string | undefined, webhookSigned: boolean, store: import('nps-widget/collector').ResponseStore,
 *   demoWebhook: ReturnType<typeof createDemoWebhook> | undefined, close(): Promise<void> }} Demo
 */

/** @param {DemoEnv} env */
function readSettings(env) {
  const port = Number(env.PORT ?? 5173);
  if (!/^\d+$/.test(env.PORT ?? '5173') || port > 65535)
    throw new TypeError(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  const rate = Number(env.RATE_LIMIT ?? 120);
  if (!(rate > 0))
    throw new TypeError(
      `RATE_LIMIT must be a positive number of requests per minute, got ${JSON.stringify(env.RATE_LIMIT)}`,
    );
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  for (const o of allowedOrigins)
    if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o))
      throw new TypeError(`ALLOWED_ORIGINS: "${o}" is not an origin like https://app.example.com`);
  if (env.TRUST_PROXY && !['0', '1', 'true', 'false'].includes(env.TRUST_PROXY))
    throw new TypeError(`TRUST_PROXY must be 1 or 0, got ${JSON.stringify(env.TRUST_PROXY)}`);
  return {
    port,
    rate,
    allowedOrigins,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    dataDir: env.DATA_DIR || '.data',
    url: env.DATABASE_URL || undefined,
    // The demo's responses carry a `plan` trait: rolled up unless SEGMENT_KEYS says otherwise.
    segmentKeys: (env.SEGMENT_KEYS ?? 'plan')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  };
}

/** The demo's names for the webhook options, for messages. */
const WEBHOOK_SETTINGS = /** @type {const} */ ({
  url: 'WEBHOOK_URL',
  secret: 'WEBHOOK_SECRET',
  on: 'WEBHOOK_ON',
  format: 'WEBHOOK_FORMAT',
});

/**
 * The `webhooks` option from `WEBHOOK_*`; `WEBHOOK_URL=demo` is the demo's own receiver at `/demo/webhook`.
 * @param {DemoEnv} env
 * @param {string} baseUrl
 * @returns {import('nps-widget/collector').WebhookOptions[]}
 */
function webhooksOf(env, baseUrl) {
  if (!env.WEBHOOK_URL) return [];
  const url = env.WEBHOOK_URL === 'demo' ? baseUrl + '/demo/webhook' : env.WEBHOOK_URL;
  const on = /** @type {import('nps-widget/collector').AlertEvent | undefined} */ (env.WEBHOOK_ON || undefined);
  const format = /** @type {import('nps-widget/collector').WebhookFormat | undefined} */ (
    env.WEBHOOK_FORMAT || undefined
  );
  return [{ url, secret: env.WEBHOOK_SECRET || undefined, on, format }];
}

/**
 * The host and port of a PostgreSQL URL, never its password.
 * @param {string} url
 */
const hostOf = (url) => {
  try {
    const u = new URL(url);
    return u.host || 'localhost';
  } catch {
    return '(not a URL)';
  }
};

/**
 * Opens the database, with a message that names the setting when it cannot.
 * @param {{ url?: string, dataDir: string }} s
 */
async function openStorage({ url, dataDir }) {
  try {
    return await openDatabase({ url, dataDir });
  } catch (e) {
    // A DatabaseUnavailableError carries the driver's error (and its code, e.g. ECONNREFUSED) as its cause.
    const error = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    const why =
      error instanceof Error
        ? 'code' in error && typeof error.code === 'string'
          ? error.code
          : error.message
        : String(error);
    if (url)
      throw new Error(
        `DATABASE_URL: cannot reach PostgreSQL at ${hostOf(url)} (${why}). Is the server running, and is the URL right?`,
      );
    throw e;
  }
}

/**
 * Starts the demo app, the collector and the dashboard on one port of 127.0.0.1. The port is taken
 * first, so a port in use fails before the database is touched.
 * @param {DemoEnv} env
 * @param {{ onOpening?: (firstStart: boolean) => void }} [hooks]
 * @returns {Promise<Demo>}
 */
export async function startDemo(env, hooks = {}) {
  const settings = readSettings(env);
  const token = env.DASHBOARD_TOKEN || randomBytes(18).toString('base64url');
  const site = createStaticSite({ writeKey: env.NPS_WRITE_KEY });
  // The demo receiver signs with WEBHOOK_SECRET, or a random secret when none is set.
  const demoSecret =
    env.WEBHOOK_URL === 'demo' ? env.WEBHOOK_SECRET || randomBytes(24).toString('base64url') : undefined;
  const demoWebhook = demoSecret ? createDemoWebhook({ secret: demoSecret }) : undefined;
  /** @type {import('nps-widget/collector').Collector | undefined} */
  let collector;
  const server = createServer(
    toNodeListener(
      async (request, info) => {
        const demoReply = await demoWebhook?.handle(request);
        if (demoReply) return demoReply;
        if (!COLLECTOR_PATHS.test(new URL(request.url).pathname)) return site(request);
        return collector
          ? collector(request, info)
          : new Response('starting', { status: 503, headers: { 'retry-after': '1' } });
      },
      { trustProxy: settings.trustProxy },
    ),
  );
  await new Promise((resolve, reject) =>
    server
      .once('error', (/** @type {NodeJS.ErrnoException} */ e) =>
        reject(
          e.code === 'EADDRINUSE'
            ? new Error(
                `port ${settings.port} on 127.0.0.1 is already in use (another demo?). Stop it, or set PORT to another port.`,
              )
            : e,
        ),
      )
      .listen(settings.port, '127.0.0.1', () => resolve(undefined)),
  );
  try {
    const firstStart =
      !settings.url && !settings.dataDir.startsWith('memory://') && !existsSync(join(settings.dataDir, 'PG_VERSION'));
    hooks.onOpening?.(firstStart);
    const db = await openStorage(settings);
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    const store = createResponseStore(db);
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    const url = `http://127.0.0.1:${address.port}`;
    const webhooks = webhooksOf({ ...env, WEBHOOK_SECRET: demoSecret ?? env.WEBHOOK_SECRET }, url);
    try {
      collector = createCollector({
        store,
        allowedOrigins: settings.allowedOrigins,
        writeKey: env.NPS_WRITE_KEY || undefined,
        dashboardToken: token,
        rateLimit: { limit: settings.rate, windowMs: 60_000 },
        webhooks,
        dashboardUrl: url,
        segmentKeys: settings.segmentKeys,
      });
    } catch (e) {
      await db.close();
      // The collector names `webhooks[0].on`; the demo is configured by WEBHOOK_ON.
      const setting = /** @type {keyof typeof WEBHOOK_SETTINGS} */ (/webhooks\[0\]\.(\w+)/.exec(String(e))?.[1]);
      if (e instanceof TypeError && WEBHOOK_SETTINGS[setting])
        throw new TypeError(e.message.replace(/^nps collector: webhooks\[0\]\.\w+/, WEBHOOK_SETTINGS[setting]));
      throw e;
    }
    const running = collector;
    return {
      url,
      webhook:
        webhooks[0] &&
        (demoWebhook
          ? `${webhooks[0].url} (the demo's own receiver: see ${url}/demo/alerts)`
          : new URL(webhooks[0].url).origin + '/…'),
      // An unsigned delivery cannot be told from a forged one: the banner says so.
      webhookSigned: !!webhooks[0]?.secret,
      demoWebhook,
      token,
      store,
      firstStart,
      storage: settings.url
        ? `PostgreSQL at ${hostOf(settings.url)} (DATABASE_URL)`
        : settings.dataDir.startsWith('memory://')
          ? 'PGlite in memory'
          : `PGlite in ${settings.dataDir.replace(/\/?$/, '/')}`,
      allowedOrigins: settings.allowedOrigins,
      writeKeyRequired: !!env.NPS_WRITE_KEY,
      async close() {
        await running.close();
        server.closeAllConnections();
        await new Promise((r) => server.close(() => r(undefined)));
        await db.close();
      },
    };
  } catch (e) {
    server.closeAllConnections();
    await new Promise((r) => server.close(() => r(undefined)));
    throw e;
  }
}

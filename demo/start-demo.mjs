// @ts-check
// The demo is `nps-collector` (the production server) plus the demo app's pages and, with
// WEBHOOK_URL=demo, a webhook receiver of its own: the same settings, the same start-up and shutdown.
import { randomBytes } from 'node:crypto';
import { readServerSettings, startServer } from 'nps-widget/collector';
import { createDemoWebhook } from './demo-webhook.mjs';
import { createStaticSite } from './static-site.mjs';

/**
 * Settings of the demo server, from the environment: those of nps-collector (the demo listens on
 * 127.0.0.1 unless HOST says otherwise).
 * @typedef {import('nps-widget/collector').ServerEnv} DemoEnv
 */

/**
 * What a running demo is.
 * @typedef {{ url: string, token: string, storage: string, firstStart: boolean, allowedOrigins: string[],
 *   writeKeyRequired: boolean, webhook: string | undefined, webhookSigned: boolean, store: import('nps-widget/collector').ResponseStore,
 *   demoWebhook: ReturnType<typeof createDemoWebhook> | undefined, close(): Promise<void> }} Demo
 */

/**
 * The demo's own receiver for WEBHOOK_URL=demo: it signs with WEBHOOK_SECRET, or a random secret.
 * @param {DemoEnv} env
 */
function demoReceiver(env) {
  if (env.WEBHOOK_URL !== 'demo') return undefined;
  // A Standard Webhooks secret (whsec_ and base64) when WEBHOOK_SECRET is unset.
  const secret = env.WEBHOOK_SECRET || `whsec_${randomBytes(32).toString('base64')}`;
  return { secret, webhook: createDemoWebhook({ secret }) };
}

/**
 * Starts the demo app, the collector and the dashboard on one port of 127.0.0.1. The port is taken
 * first, so a port in use fails before the database is touched.
 * @param {DemoEnv} env
 * @param {{ onOpening?: (firstStart: boolean) => void, log?: import('nps-widget/collector').LogLines }} [hooks]
 * @returns {Promise<Demo>}
 */
export async function startDemo(env, hooks = {}) {
  const receiver = demoReceiver(env);
  // WEBHOOK_URL=demo is not a URL until the port is known: the demo adds that webhook itself.
  const settings = readServerSettings({
    HOST: '127.0.0.1',
    // The demo's responses carry a `plan` trait: rolled up unless SEGMENT_KEYS says otherwise.
    SEGMENT_KEYS: 'plan',
    ...env,
    WEBHOOK_URL: receiver ? undefined : env.WEBHOOK_URL,
  });
  const site = createStaticSite({ writeKey: settings.writeKey });
  /** @type {string[]} */
  let hosts = [];
  const server = await startServer(settings, {
    ...hooks,
    // /demo/alerts shows comments: only under this machine's own names for the port bound (not a
    // rebound DNS name), and only when signed in.
    site: async (request, signedIn) => (await receiver?.webhook.handle(request, { hosts, signedIn })) ?? site(request),
    collectorOptions: (url) => ({
      dashboardUrl: settings.publicUrl ?? url,
      ...(receiver && {
        webhooks: [
          {
            url: `${url}/demo/webhook`,
            secret: receiver.secret,
            on: /** @type {import('nps-widget/collector').AlertEvent} */ (env.WEBHOOK_ON || 'detractor'),
            format: /** @type {import('nps-widget/collector').WebhookFormat} */ (env.WEBHOOK_FORMAT || 'json'),
            maxPerMinute: settings.alertMaxPerMinute,
            commentWaitSeconds: settings.webhookCommentWaitSeconds,
          },
        ],
      }),
    }),
  });
  hosts = [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`];
  const webhook = settings.webhooks[0];
  return {
    url: server.url,
    webhook: receiver
      ? `${server.url}/demo/webhook (the demo's own receiver: see ${server.url}/demo/alerts)`
      : webhook && `${new URL(webhook.url).origin}/…`,
    // An unsigned delivery cannot be told from a forged one: the banner says so.
    webhookSigned: !!receiver || !!webhook?.secret,
    demoWebhook: receiver?.webhook,
    token: settings.dashboardToken,
    store: server.store,
    firstStart: server.firstStart,
    storage: server.storage,
    allowedOrigins: settings.allowedOrigins,
    writeKeyRequired: !!settings.writeKey,
    close: async () => void (await server.stop()),
  };
}

// @ts-check
// `npm run demo`: the demo app, the collector and the dashboard on one localhost port.
import { startDemo } from './start-demo.mjs';

try {
  const env = /** @type {import('./start-demo.mjs').DemoEnv} */ (process.env);
  const demo = await startDemo(env, {
    onOpening: (firstStart) =>
      console.log(
        `nps-widget demo: opening the database${firstStart ? ' (the first start creates it, which takes a while)' : ''}…`,
      ),
  });
  if (demo.webhook && !demo.webhookSigned)
    console.warn(
      'demo: warning: WEBHOOK_URL is set without WEBHOOK_SECRET, so alerts are sent unsigned: the receiver cannot tell them from forged ones. Set WEBHOOK_SECRET (whsec_ and a base64 key, or 16+ characters) and verify webhook-signature (Standard Webhooks).',
    );
  const origins = demo.allowedOrigins.length ? demo.allowedOrigins.join(', ') : 'none besides its own';
  console.log(`nps-widget demo
  Storage:                ${demo.storage}
  Allowed origins:        ${origins}${demo.allowedOrigins.length ? '' : ' (set ALLOWED_ORIGINS to add some)'}
  Write key:              ${demo.writeKeyRequired ? 'required (X-NPS-Write-Key, from NPS_WRITE_KEY)' : 'not required (set NPS_WRITE_KEY to require one)'}
  Demo app (script tag):  ${demo.url}/
  Demo app (ESM build):   ${demo.url}/esm.html
  Collector endpoint:     POST ${demo.url}/api/nps
  Dashboard:              ${demo.url}/dashboard
  Dashboard token:        ${demo.token}${env.DASHBOARD_TOKEN ? ' (from DASHBOARD_TOKEN)' : ' (random; set DASHBOARD_TOKEN to keep one)'}
  Alerts (webhook):       ${demo.webhook ? `${demo.webhook}, on ${env.WEBHOOK_ON || 'detractor'}, ${env.WEBHOOK_FORMAT || 'json'}, ${demo.webhookSigned ? 'signed' : 'unsigned (set WEBHOOK_SECRET to sign)'}` : 'off (set WEBHOOK_URL, or WEBHOOK_URL=demo to watch alerts arrive on a local page)'}
Press Ctrl+C to stop.`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop).once('SIGTERM', stop);
} catch (e) {
  console.error(`demo: could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

// @ts-check
// `npm run demo`: the demo app, the collector and the dashboard on one localhost port.
import { startDemo } from './start-demo.mjs';

try {
  const env = /** @type {import('./start-demo.mjs').DemoEnv} */ (process.env);
  console.log('nps-widget demo: opening the database (the first start creates it, which takes a while)…');
  const demo = await startDemo(env);
  const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.DATA_DIR || '.data'}/`;
  console.log(`nps-widget demo (storage: ${where})
  Demo app (script tag):  ${demo.url}/
  Demo app (ESM build):   ${demo.url}/esm.html
  Collector endpoint:     POST ${demo.url}/api/nps
  Dashboard:              ${demo.url}/dashboard
  Dashboard token:        ${demo.token}${env.DASHBOARD_TOKEN ? ' (from DASHBOARD_TOKEN)' : ' (random; set DASHBOARD_TOKEN to keep one)'}
Press Ctrl+C to stop.`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop).once('SIGTERM', stop);
} catch (e) {
  console.error(`demo: could not start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

// @ts-check
// `npm run demo`: checks that the port is free, builds only when dist/ is older than the sources
// (saying which), then starts the demo server (demo/server.mjs).
import { spawnSync } from 'node:child_process';
import { checkPortFree, distIsFresh, ROOT } from './start-checks.mjs';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST || '127.0.0.1';
try {
  // PORT=0 (any free port) needs no check; a bad PORT is named by the server's own settings check.
  if (Number.isInteger(port) && port > 0 && port <= 65535) await checkPortFree(port, host);
} catch (error) {
  console.error(`demo: could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
if (distIsFresh()) console.log('nps-widget demo: dist is up to date (no build needed)');
else {
  console.log('nps-widget demo: building… (dist/ is missing or older than src/)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('demo: the build failed (see above)');
    process.exit(1);
  }
}
await import('./server.mjs');

// @ts-check
// What `npm run demo` checks before it starts (demo/run-demo.mjs): is dist/ up to date, is the port free.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;

/** What the build reads: a newer one than every output means dist/ is out of date. */
const SOURCES = ['src', 'rollup.config.mjs', 'tsconfig.json'];
/** One output of each build step: the oldest of them is when dist/ was last built in full. */
export const OUTPUTS = [
  'dist/nps.js',
  'dist/prompt.js',
  'dist/survey.js',
  'dist/triggers.js',
  'dist/locales/en.js',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/dashboard/dashboard.js',
  'dist/collector/index.js',
  'dist/collector/server.js',
];

/** @param {string} path @returns {number} */
const newest = (path) =>
  statSync(path).isDirectory()
    ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
    : statSync(path).mtimeMs;

/** Whether dist/ holds every output, each newer than every source. */
export function distIsFresh(root = ROOT) {
  const outputs = OUTPUTS.map((file) => join(root, file));
  if (!outputs.every((file) => existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return built > Math.max(...SOURCES.map((source) => newest(join(root, source))));
}

/**
 * Resolves when `port` on `host` can be listened on; rejects with a message naming it when not.
 * @param {number} port @param {string} host
 */
export function checkPortFree(port, host) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} on ${host} is already in use (another demo?). Stop it, or set PORT to another port.`,
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

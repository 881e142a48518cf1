// The package as a team installs it, without the network: `npm pack` of the build, then
// `npm install --offline <tarball>` into a scratch project whose other packages (the widget's
// dependencies and the peers asked for, with everything they depend on) are copied from this
// checkout's node_modules first, so npm finds every one of them already installed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defined } from './defined';

const ROOT = new URL('../..', import.meta.url).pathname;
const MODULES = join(ROOT, 'node_modules');

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

/** Fails with a clear message when dist/ is missing or older than src/ (the tests run against the build). */
function assertFreshBuild(): void {
  const built = join(ROOT, 'dist/collector/server.js');
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first');
  if (newest(join(ROOT, 'dist')) < newest(join(ROOT, 'src')))
    throw new Error('dist/ is older than src/: run `npm run build` first');
}

/** Packs the built package into `dir` (without building again) and returns the tarball's path. */
export function packPackage(dir: string): string {
  assertFreshBuild();
  const name = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], ROOT).trim().split('\n').pop();
  return join(dir, defined(name, 'the tarball name npm pack printed'));
}

/** Copies `names` and everything they depend on from this checkout's node_modules into `app`. */
function copyPackages(app: string, names: readonly string[]): void {
  const queue = [...names];
  const copied = new Set<string>();
  while (queue.length) {
    const name = defined(queue.shift(), 'a package name');
    const from = join(MODULES, name);
    if (copied.has(name) || !existsSync(from)) continue;
    copied.add(name);
    cpSync(from, join(app, 'node_modules', name), { recursive: true, dereference: true });
    const manifest = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
    queue.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
  }
}

/**
 * A scratch project in `app` with the tarball installed offline (its bin linked in
 * node_modules/.bin) and `peers` (e.g. `@electric-sql/pglite`, `ajv`, `pg`) as its own dependencies.
 */
export function installPackage(tarball: string, app: string, peers: readonly string[]): void {
  const widget = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  copyPackages(app, [...Object.keys(widget.dependencies), ...peers]);
  const versionOf = (name: string) =>
    JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version as string;
  const dependencies = Object.fromEntries(peers.map((name) => [name, versionOf(name)]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module', dependencies }),
  );
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
}

import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { distIsFresh, OUTPUTS } from '../../demo/start-checks.mjs';

// `npm run demo` (demo/run-demo.mjs): the port is checked before any work, and dist/ is rebuilt
// only when it is older than the sources, saying which.
const ROOT = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SOURCES = [
  'src/index.ts',
  'src/collector/server/start-server.ts',
  'rollup.config.mjs',
  'package.json',
  'tsconfig.json',
];

/** A checkout with sources written at `sourcesAt` and the outputs at `builtAt` (seconds). */
function checkout(sourcesAt: number, builtAt: number, leaveOut?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'nps-demo-fresh-'));
  dirs.push(root);
  const write = (file: string, at: number) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), at, at);
  };
  for (const file of SOURCES) write(file, sourcesAt);
  for (const file of OUTPUTS.filter((f) => f !== leaveOut)) write(file, builtAt);
  return root;
}

it('counts dist/ as up to date only when every output is newer than every source', () => {
  expect(distIsFresh(checkout(1000, 2000))).toBe(true);
  expect(distIsFresh(checkout(2000, 1000))).toBe(false);
  expect(distIsFresh(checkout(1000, 2000, 'dist/collector/server.js'))).toBe(false);
  const edited = checkout(1000, 2000);
  utimesSync(join(edited, 'src/collector/server/start-server.ts'), 3000, 3000);
  expect(distIsFresh(edited)).toBe(false);
});

/** Runs `node demo/run-demo.mjs` until it exits or prints `until` (then stops it). */
function runDemo(env: Record<string, string>, until?: RegExp) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['demo/run-demo.mjs'], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (until?.test(out)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('error', reject).on('close', (code) => resolve({ code, out, err }));
  });
}

it('says the port is taken before building or opening anything', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const { port } = busy.address() as AddressInfo;
  try {
    const { code, out, err } = await runDemo({ PORT: String(port), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`^demo: could not start: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    expect(out).not.toMatch(/building|up to date|opening/);
  } finally {
    busy.close();
  }
}, 30_000);

it('says dist is up to date and starts without building when it is (npm test builds first)', async () => {
  expect(distIsFresh(), 'dist/ is older than src/: run `npm run build`').toBe(true);
  const { out } = await runDemo(
    { PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: 'demo-run-token-0123' },
    /Press Ctrl\+C/,
  );
  expect(out).toMatch(/^nps-widget demo: dist is up to date \(no build needed\)\n/);
  expect(out).not.toMatch(/building/);
  expect(out).toMatch(/Dashboard: +http:\/\/127\.0\.0\.1:\d+\/dashboard/);
}, 60_000);

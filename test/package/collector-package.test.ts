import { afterAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defined } from '../helpers/defined';

// The package as a team gets it: `npm pack` of the build, installed into an empty project with the
// peer dependencies it needs for PGlite (never pg), then `import … from 'nps-widget/collector'` in Node.
// Needs a fresh dist/ (npm test builds first; `npm pack` in a fresh clone builds through prepack).
const ROOT = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'nps-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );

it('declares the collector entry, types first, with its drivers as optional peers, and builds on pack', () => {
  expect(Object.keys(pkg.exports['./collector'])[0]).toBe('types');
  expect(pkg.exports['./collector']).toEqual({
    types: './dist/collector/index.d.ts',
    import: './dist/collector/index.js',
  });
  for (const name of ['ajv', 'pg', '@electric-sql/pglite']) {
    expect(pkg.peerDependencies[name], name).toBeTruthy();
    expect(pkg.peerDependenciesMeta[name], name).toEqual({ optional: true });
    expect(pkg.dependencies[name], name).toBeUndefined();
  }
  expect(pkg.scripts.prepack).toMatch(/build/);
});

it('packs dist/collector (and dist/dashboard when built) and runs createCollector on PGlite from an installed tarball', async () => {
  const built = join(ROOT, 'dist/collector/index.js');
  expect(existsSync(built), 'dist/collector/index.js: run `npm run build` first').toBe(true);
  expect(statSync(built).mtimeMs, 'dist/collector is older than src/: run `npm run build`').toBeGreaterThanOrEqual(
    Math.max(newest(join(ROOT, 'src/collector')), newest(join(ROOT, 'src/core'))),
  );

  const npm = (args: string[], cwd: string) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = join(
    work,
    defined(
      npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT).trim().split('\n').pop(),
      'the tarball name npm pack printed',
    ),
  );
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  expect(files).toContain('package/dist/collector/index.js');
  expect(files).toContain('package/dist/collector/index.d.ts');
  if (existsSync(join(ROOT, 'dist/dashboard/index.html'))) expect(files).toContain('package/dist/dashboard/index.html');
  expect(files.filter((f) => f.startsWith('package/demo/') || f.startsWith('package/test/'))).toEqual([]);

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const peers = ['@electric-sql/pglite', 'ajv'].map((name) => `${name}@${pkg.devDependencies[name]}`);
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...peers], app);
  expect(existsSync(join(app, 'node_modules/pg')), 'pg is an optional peer: not installed unless asked for').toBe(
    false,
  );

  writeFileSync(
    join(app, 'check.mjs'),
    `import { createCollector, createResponseStore, migrate, openDatabase } from 'nps-widget/collector';
const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
const collector = createCollector({ store: createResponseStore(db), dashboardToken: 'secret' });
const now = new Date().toISOString();
const record = { id: '01937e6c-5c2a-7b3e-9f00-000000000001', status: 'answered', score: 3, category: 'detractor', anonymousId: 'a', locale: 'en', page: 'https://app.example.com/', shownAt: now, answeredAt: now, updatedAt: now, sdk: 'nps-widget@0.1.0' };
const posted = await collector(new Request('http://localhost/api/nps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: now, responses: [record] }) }));
const stats = await collector(new Request('http://localhost/api/stats', { headers: { authorization: 'Bearer secret' } }));
console.log(JSON.stringify({ posted: posted.status, reply: await posted.json(), stats: await stats.json() }));
await db.close();
`,
  );
  const out = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' }));
  expect(out).toMatchObject({ posted: 200, reply: { rejected: [] }, stats: { total: 1, detractors: 1, nps: -100 } });
});

// The published package: a fresh clone's `npm pack` builds and ships dist/, and every subpath of
// the exports map resolves to a file that exists.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the npm package', () => {
  it('a fresh clone packs the built files (prepack builds)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-pack-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${ROOT}`, dir]);
      expect(existsSync(join(dir, 'dist'))).toBe(false);
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const [report] = JSON.parse(
        execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
      const files = (report.files as { path: string }[]).map((f) => f.path);
      for (const f of [
        'dist/nps.js',
        'dist/survey.js',
        'dist/prompt.js',
        'dist/prompt.d.ts',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/esm/prompt.js',
        'dist/esm/survey.js',
        'dist/global.d.ts',
        'dist/locale.d.ts',
        'dist/locales/en.js',
        'dist/locales/de.js',
        'src/schema/response.v1.json',
        'package.json',
        'README.md',
      ])
        expect(files, f).toContain(f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('every exported subpath resolves to a file of the package (locales/de.js is not de.js.js)', () => {
    const specifiers = [
      'nps-widget',
      'nps-widget/nps.js',
      'nps-widget/prompt.js',
      'nps-widget/locales/de.js',
      'nps-widget/schema/response.v1.json',
    ];
    const resolved: string[] = JSON.parse(
      execFileSync(
        'node',
        [
          '--input-type=module',
          '-e',
          `console.log(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      ),
    );
    expect(resolved.map((u) => fileURLToPath(u).slice(ROOT.length))).toEqual([
      'dist/index.js',
      'dist/nps.js',
      'dist/prompt.js',
      'dist/locales/de.js',
      'src/schema/response.v1.json',
    ]);
  });

  it('a TypeScript app type-checks against the built declarations (index, global, locales)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-types-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules/nps-widget'), 'dir');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            lib: ['ES2022', 'DOM'],
            types: [],
            skipLibCheck: false,
          },
          files: ['app.ts'],
        }),
      );
      writeFileSync(
        join(dir, 'app.ts'),
        `/// <reference types="nps-widget/global" />
import { createNps, type Renderer } from 'nps-widget';
import de from 'nps-widget/locales/de.js';

const render: Renderer = (survey) => ({ close: () => void survey.id });
const nps = createNps({ endpoint: '/api/nps', stages: { checkout: {} }, messages: { send: de.send }, render });
void nps.show({ stage: 'checkout' });
window.nps.init({ endpoint: '/api/nps' });
const version: string = window.nps.version;
// @ts-expect-error: not a configured stage
void nps.show({ stage: 'typo' });
export { version };
`,
      );
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      const out = (() => {
        try {
          return execFileSync('node', [tsc, '-p', dir], { encoding: 'utf8' });
        } catch (e) {
          return String((e as { stdout?: string }).stdout);
        }
      })();
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

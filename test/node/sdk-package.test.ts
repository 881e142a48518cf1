// The published package: a fresh clone's `npm pack` builds and ships dist/, and every subpath of
// the exports map resolves to a file that exists.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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
      const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      const files = (report.files as { path: string }[]).map((f) => f.path);
      for (const f of [
        'dist/nps.js', 'dist/survey.js', 'dist/prompt.js', 'dist/prompt.d.ts', 'dist/index.js', 'dist/index.d.ts',
        'dist/esm/prompt.js', 'dist/esm/survey.js', 'dist/global.d.ts', 'dist/locale.d.ts', 'dist/locales/en.js',
        'dist/locales/de.js', 'src/schema/response.v1.json', 'package.json', 'README.md',
      ]) expect(files, f).toContain(f);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('every exported subpath resolves to a file of the package (locales/de.js is not de.js.js)', () => {
    const specifiers = ['nps-widget', 'nps-widget/nps.js', 'nps-widget/prompt.js', 'nps-widget/locales/de.js', 'nps-widget/schema/response.v1.json'];
    const resolved: string[] = JSON.parse(
      execFileSync('node', ['--input-type=module', '-e', `console.log(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`], { cwd: ROOT, encoding: 'utf8' }),
    );
    expect(resolved.map((u) => fileURLToPath(u).slice(ROOT.length))).toEqual([
      'dist/index.js', 'dist/nps.js', 'dist/prompt.js', 'dist/locales/de.js', 'src/schema/response.v1.json',
    ]);
  });
});

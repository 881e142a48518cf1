import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');

/** Every module that `src/prompt-entry.ts` loads at run time (type-only imports are erased), relative to the repository. */
function runtimeGraph(entry: string) {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, kind, from = ''] of source.matchAll(/^(?:import|export)\s+(type\s)?[^'"]*?from\s+'([^']+)'/gm)) {
      if (kind) continue;
      if (!from.startsWith('.')) {
        packages.add(from);
        continue;
      }
      const base = join(dirname(file), from);
      const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync);
      if (!found) throw new Error(`${relative(ROOT, file)}: cannot resolve ${from}`);
      visit(found);
    }
  };
  visit(join(ROOT, entry));
  return { files: [...seen].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('the prompt module', () => {
  it('loads only its own files, pure core helpers and Preact: the Survey handle is the whole seam', () => {
    const { files, packages } = runtimeGraph('src/prompt-entry.ts');
    expect(
      files.filter((f) => f !== 'src/prompt-entry.ts' && !f.startsWith('src/prompt/') && !f.startsWith('src/core/')),
    ).toEqual([]);
    // Not the SDK's own loading code: locales and messages are resolved before the prompt renders.
    expect(files.filter((f) => /load-messages|import-locale|\/(view|mount-prompt|styles)\.tsx?$/.test(f))).toEqual([]);
    // No preact/hooks of its own: the dialog moves focus through a ref (signals' adapter still uses hooks inside).
    expect(packages).toEqual(['@preact/signals', 'preact']);
  });
});

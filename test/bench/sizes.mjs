// Download bytes (gzip -9, brotli q11) and the "libraries' floor": Preact, preact/hooks,
// @preact/signals and idb-keyval bundled alone with the same rollup + terser settings as dist/nps.js.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ROOT = new URL('../..', import.meta.url).pathname;
const LIBS = ['preact', 'preact/hooks', '@preact/signals', 'idb-keyval'];

/** Raw, gzip -9 and brotli q11 byte counts of a file or buffer. */
export function sizeOf(buf) {
  if (typeof buf == 'string') buf = readFileSync(buf);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
}

/** The named value imports that src/ takes from the libraries, e.g. { 'idb-keyval': ['get', ...] }. */
export function importsFromSrc() {
  const used = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        if (e.name.endsWith('.tsx')) (used['preact/jsx-runtime'] ??= new Set()).add('jsx').add('jsxs').add('Fragment');
        for (const m of text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s*from\s*'((?:preact|@preact\/signals|idb-keyval)[^']*)'/gm)) {
          const names = m[1].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '));
          for (const n of names) (used[m[2]] ??= new Set()).add(n.split(/\s+as\s+/)[0]);
        }
      }
    }
  };
  walk(join(ROOT, 'src'));
  return Object.fromEntries(Object.entries(used).map(([k, v]) => [k, [...v].sort()]));
}

/** Bundles `entry` (ESM source text) like dist/nps.js: rollup node-resolve + terser, IIFE. */
async function bundle(entry) {
  const bundle = await rollup({
    input: '\0floor',
    plugins: [
      { name: 'floor-entry', resolveId: (id) => (id == '\0floor' ? id : null), load: (id) => (id == '\0floor' ? entry : null) },
      resolve({ rootDir: ROOT }),
      // Same terser settings as rollup.config.mjs.
      terser({ ecma: 2020, module: false, compress: { passes: 3, pure_getters: true, unsafe_arrows: true }, format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'floor' });
  await bundle.close();
  return output[0].code;
}

/**
 * Builds two floors and writes them to `outDir`: `full` exports every public API of the four
 * libraries (nothing tree-shaken), `used` only what src/ imports today.
 */
export async function buildFloors(outDir) {
  mkdirSync(outDir, { recursive: true });
  const full = LIBS.map((l) => `export * from '${l}';`).join('\n');
  const used = importsFromSrc();
  const usedEntry = Object.entries(used).map(([m, names]) => `export { ${names.map((n, i) => `${n} as ${m.replace(/\W/g, '_')}_${i}`).join(', ')} } from '${m}';`).join('\n') || 'export {};';
  const out = {};
  for (const [k, src] of [['full', full], ['used', usedEntry]]) {
    const code = await bundle(src);
    const path = join(outDir, `floor-${k}.js`);
    writeFileSync(path, code);
    out[k] = { path, ...sizeOf(Buffer.from(code)) };
  }
  out.used.imports = used;
  return out;
}

// Download bytes (gzip -9, brotli q11) and the "libraries' floor": Preact, preact/hooks,
// @preact/signals and idb-keyval bundled alone with the same rollup + terser settings as dist/nps.js.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ROOT = new URL('../..', import.meta.url).pathname;
const LIBS = ['preact', 'preact/hooks', '@preact/signals', 'idb-keyval'];

/** Raw, gzip -9 and brotli q11 byte counts of a file or buffer. */
export function sizeOf(buf) {
  if (typeof buf === 'string') buf = readFileSync(buf);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** The named value imports that the widget's src/ (not the dashboard or collector) takes from the libraries, e.g. { 'idb-keyval': ['get', ...] }. */
export function importsFromSrc() {
  const used = {};
  /** The names imported from `module` so far, an empty set on first use. */
  const namesFrom = (module) => {
    used[module] ??= new Set();
    return used[module];
  };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      // The widget's code only: the dashboard and the collector never load in a host page.
      if (e.isDirectory()) {
        if (e.name !== 'dashboard' && e.name !== 'collector') walk(p);
      } else if (/\.tsx?$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        if (e.name.endsWith('.tsx')) namesFrom('preact/jsx-runtime').add('jsx').add('jsxs').add('Fragment');
        for (const m of text.matchAll(
          /^import\s+(?!type\b)\{([^}]*)\}\s*from\s*'((?:preact|@preact\/signals|idb-keyval)[^']*)'/gm,
        )) {
          const names = m[1]
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s && !s.startsWith('type '));
          for (const n of names) namesFrom(m[2]).add(n.split(/\s+as\s+/)[0]);
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
      {
        name: 'floor-entry',
        resolveId: (id) => (id === '\0floor' ? id : null),
        load: (id) => (id === '\0floor' ? entry : null),
      },
      resolve({ rootDir: ROOT }),
      // Same terser settings as rollup.config.mjs.
      terser({
        ecma: 2020,
        module: false,
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
        format: { comments: false },
      }),
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
  const usedEntry =
    Object.entries(used)
      .map(
        ([m, names]) =>
          `export { ${names.map((n, i) => `${n} as ${m.replace(/\W/g, '_')}_${i}`).join(', ')} } from '${m}';`,
      )
      .join('\n') || 'export {};';
  const out = {};
  for (const [k, src] of [
    ['full', full],
    ['used', usedEntry],
  ]) {
    const code = await bundle(src);
    const path = join(outDir, `floor-${k}.js`);
    writeFileSync(path, code);
    out[k] = { path, ...sizeOf(Buffer.from(code)) };
  }
  out.used.imports = used;
  return out;
}

/** Every .js file of dist/ and dist/locales/ (what nps.js may load from beside itself). */
export function distFiles(dist) {
  const js = (dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.js'))
          .map((f) => join(dir, f))
      : [];
  return [...js(dist), ...js(join(dist, 'locales'))];
}

/**
 * The two comparisons a team makes: what every page view downloads, and what a page that shows a
 * survey downloads, each as the sum of separately compressed files (as they are served). Ours come
 * from package.json's `sizeBudget` (the SDK entry, and the group of files a shown German prompt
 * loads), so the bench and `npm test` measure the same thing.
 */
export function compareColumns(root, peers, rows) {
  const { sizeBudget } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const shown = sizeBudget.find((b) => b.paths && /shown prompt/.test(b.name));
  const gz = (path) => sizeOf(join(root, path));
  const sum = (label, files) => {
    const parts = files.map((f) => ({ file: f.label ?? f, ...(f.size ?? gz(f)) }));
    return {
      label,
      files: parts.map((x) => x.file),
      gzip: parts.reduce((a, x) => a + x.gzip, 0),
      brotli: parts.reduce((a, x) => a + x.brotli, 0),
    };
  };
  const peer = (id) => {
    const f = peers.find((x) => x.id === id);
    const r = rows.find((x) => x.id === id);
    return f && r ? { label: f.label, size: r } : undefined;
  };
  const have = (...xs) => (xs.every(Boolean) ? xs : undefined);
  const every = [sum('nps-widget: dist/nps.js', ['dist/nps.js'])];
  if (existsSync(join(root, 'dist/triggers.js')))
    every.push(sum('nps-widget with no-code triggers: nps.js + triggers.js', ['dist/nps.js', 'dist/triggers.js']));
  const survey = [sum(`nps-widget: ${shown.paths.map((p) => p.replace('dist/', '')).join(' + ')}`, shown.paths)];
  const phArray = peer('posthog-array'),
    phSurveys = peer('posthog-surveys'),
    fbJs = peer('formbricks-js'),
    fbSurveys = peer('formbricks-surveys');
  if (phArray) every.push(sum('PostHog: array.js', [phArray]));
  if (fbJs) every.push(sum('Formbricks: @formbricks/js loader (fetches its SDK from the Formbricks server)', [fbJs]));
  if (have(phArray, phSurveys)) survey.push(sum('PostHog: array.js + surveys.js', [phArray, phSurveys]));
  if (have(fbJs, fbSurveys)) survey.push(sum('Formbricks: loader + @formbricks/surveys', [fbJs, fbSurveys]));
  return { everyPageView: every, shownSurvey: survey };
}

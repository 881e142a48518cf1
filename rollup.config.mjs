import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import dts from 'rollup-plugin-dts';
import { readdirSync } from 'node:fs';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*'],
    compilerOptions: { noEmit: false, declaration: false, outDir: 'dist', types: [] },
  });

// Terser settings that matter for the size budget: several passes, ES2020 output (no ES5 helpers),
// and `unsafe` (which assumes built-ins are not replaced, e.g. String(x) becomes x + ""): about 30 B
// gzip. Every browser test runs against this output.
const minify = (format = {}) =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 5, pure_getters: true, unsafe: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true },
    format: { comments: false, ...format },
  });

// The script-tag build loads locales from beside nps.js (its own URL); the ESM build keeps a
// bundler-visible `import('./locales/…')` so apps split them into chunks.
const scriptLocales = {
  name: 'script-locales',
  resolveId: (id, from) =>
    id == './import-locale' && from?.includes('/src/prompt/') ? new URL('src/prompt/import-locale-script.ts', import.meta.url).pathname : null,
};
const LOCALES = readdirSync('src/prompt/locales').map((f) => f.replace(/\.ts$/, ''));

// The collector (dist/collector/): ESM for Node. Its database drivers, ajv and node: built-ins stay
// imports (optional peer dependencies); the JSON Schema is inlined from src/schema/.
const COLLECTOR_EXTERNAL = [/^node:/, /^ajv(\/|$)/, /^pg$/, /^@electric-sql\/pglite/];
const jsonModule = {
  name: 'json-module',
  transform: (code, id) => (id.endsWith('.json') ? { code: `export default ${code};`, map: null } : null),
};

export default [
  {
    input: 'src/embed.ts',
    output: { file: 'dist/nps.js', format: 'iife', sourcemap: true },
    // ASCII only: a classic script is decoded in the page's charset when the server sends none, and
    // a non-UTF-8 page would garble "×" in the UI and "\uffff" in storage key ranges.
    plugins: [scriptLocales, resolve(), ts(), minify({ ascii_only: true })],
  },
  {
    // dist/locales/<code>.js: one tiny ES module per locale (`export default { …strings }`).
    input: Object.fromEntries(LOCALES.map((c) => [c, `src/prompt/locales/${c}.ts`])),
    output: { dir: 'dist/locales', format: 'es', entryFileNames: '[name].js' },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', include: ['src/prompt/locales/*', 'src/core/options.ts'], compilerOptions: { noEmit: false, declaration: false, outDir: 'dist/locales', types: [] } }),
      minify(),
    ],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.js', format: 'es', sourcemap: true },
    external: [/^preact/, /^@preact\//, /^idb-keyval/],
    plugins: [ts()],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.d.ts', format: 'es' },
    plugins: [dts()],
  },
  {
    input: 'src/collector/index.ts',
    output: { file: 'dist/collector/index.js', format: 'es', sourcemap: true },
    external: COLLECTOR_EXTERNAL,
    plugins: [jsonModule, ts()],
  },
  {
    input: 'src/collector/index.ts',
    output: { file: 'dist/collector/index.d.ts', format: 'es' },
    external: COLLECTOR_EXTERNAL,
    plugins: [dts()],
  },
];

import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import dts from 'rollup-plugin-dts';
import { readdirSync, readFileSync } from 'node:fs';

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

// The dashboard's static files (pages, styles, icon) are copied beside its scripts, as they are.
const DASHBOARD_STATIC = 'src/dashboard/static';
const dashboardStatic = {
  name: 'dashboard-static',
  generateBundle() {
    for (const fileName of readdirSync(DASHBOARD_STATIC))
      this.emitFile({ type: 'asset', fileName, source: readFileSync(`${DASHBOARD_STATIC}/${fileName}`) });
  },
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
    // dist/dashboard/: the dashboard app the collector serves (preact and signals bundled).
    input: { dashboard: 'src/dashboard/main.tsx', login: 'src/dashboard/login.ts' },
    output: { dir: 'dist/dashboard', format: 'es', entryFileNames: '[name].js', sourcemap: false },
    plugins: [
      dashboardStatic,
      resolve(),
      typescript({
        tsconfig: './tsconfig.json',
        include: ['src/dashboard/**/*', 'src/collector/api-types.ts', 'src/core/**/*'],
        compilerOptions: { noEmit: false, declaration: false, outDir: 'dist/dashboard', types: [] },
      }),
      minify(),
    ],
  },
];

import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import { readdirSync, readFileSync } from 'node:fs';

// esbuild only transpiles (one file at a time, no type information): `npm run typecheck` (tsc --noEmit)
// is the type check, once for the whole tree, instead of a TypeScript program per output.
// The browser bundles are ES2022 (nps.js already calls Object.hasOwn): `??=` and friends stay as written.
const ts = (target = 'es2020') => esbuild({ target, tsconfig: './tsconfig.json', minify: false, sourceMap: true });
const BROWSER = 'es2022';

// Property names terser shortens in dist/nps.js, like Preact's mangle.json: properties of the SDK's
// own objects that never leave nps.js. Never list a public name (options, events, record fields,
// methods of Nps, Survey, RenderedPrompt, KvStore, Outbox…), a stored one, or one another bundle
// reads (presentSurvey's context and hooks, PromptModule, the trigger runtime's watch);
// test/client/mangled-names.test.ts checks the list against those declarations. `builtins: true`
// lets it name properties that built-in objects also have (clear, visible, disabled, runtime,
// restart): nps.js calls none of them on a built-in object. Each is labelled where it is declared.
// About 40 B gzip.
export const MANGLED = [
  // client/show-lifecycle.ts: the lifecycle's transitions.
  ...['decide', 'presentHooks', 'leave', 'onDismiss', 'halt'],
  // client/client-consent.ts, client/create-client.ts (Prepared), client/client-triggers.ts.
  ...['granted', 'runtime', 'renderer', 'strings', 'restart'],
  // client/client-env.ts: the test seams (the script tag passes none).
  ...['outbox', 'importLocale', 'importPrompt', 'importSurvey', 'importTriggers', 'whenIdle'],
  // core/emitter.ts (clear) and core/eligibility.ts (one decision's input).
  ...['clear', 'stageKnown', 'sampleKey', 'visible', 'disabled'],
];

// Terser settings that matter for the size budget: several passes, ES2022 output (no ES5 helpers),
// and `unsafe` (which assumes built-ins are not replaced, e.g. String(x) becomes x + ""): about 30 B
// gzip. ES module outputs say so (`module`), which lets terser shorten their top-level names too;
// the IIFE shares the page's global scope and must not. Every browser test runs against this output.
const minify = (format = {}, module = true, mangle = true) =>
  terser({
    ecma: 2022,
    module,
    mangle,
    // The IIFE stays `(function(){…})()`, not `!function(){…}()`: V8 compiles a parenthesised function
    // eagerly, once, where the `!` form is pre-parsed and then parsed again when it runs (~7-10% less
    // script CPU for nps.js in the bench's traces).
    compress: {
      passes: 4,
      pure_getters: true,
      unsafe: true,
      unsafe_arrows: true,
      unsafe_methods: true,
      unsafe_comps: true,
      negate_iife: module,
    },
    format: { comments: false, wrap_iife: !module, ...format },
  });

const SRC = new URL('src/', import.meta.url).pathname;
const DIST = new URL('dist/', import.meta.url).pathname;
const LOADERS = `${SRC}client/loaders/`;

// The script-tag build loads prompt.js and locales/<code>.js from beside nps.js (its own URL):
// it swaps the bundler-facing loaders for their `-script` variants.
const scriptLoaders = {
  name: 'script-loaders',
  resolveId: (id, from) =>
    from?.startsWith(SRC) && /^\.\/loaders\/import-(locale|prompt|survey|triggers)$/.test(id)
      ? `${LOADERS}${id.slice('./loaders/'.length)}-script.ts`
      : null,
};

// The ESM build keeps each locale a file of its own (dist/locales/<code>.js, the same files the
// script tag loads), reached from dist/index.js by a literal `import('./locales/<code>.js')`.
const externalLocales = {
  name: 'external-locales',
  resolveId(id, from) {
    const code = from === `${LOADERS}import-locale.ts` && /^\.\.\/\.\.\/prompt\/locales\/([\w-]+)$/.exec(id)?.[1];
    return code ? { id: `${DIST}locales/${code}.js`, external: true } : null;
  },
};

// dist/global.d.ts: `window.nps` for script-tag users (`/// <reference types="nps-widget/global" />`);
// dist/locale.d.ts: the type of every `nps-widget/locales/<code>.js`.
const LOCALE_TYPES = `import type { Messages } from './index';

/** One locale's strings: the keys of \`Messages\`. */
declare const messages: Partial<Messages>;
export default messages;
`;
const declarationFiles = {
  name: 'declaration-files',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'global.d.ts', source: readFileSync('src/global.d.ts', 'utf8') });
    this.emitFile({ type: 'asset', fileName: 'locale.d.ts', source: LOCALE_TYPES });
  },
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
    // a non-UTF-8 page would garble "\uffff" in storage key ranges.
    plugins: [
      scriptLoaders,
      resolve(),
      ts(BROWSER),
      minify({ ascii_only: true }, false, {
        properties: { regex: new RegExp(`^(${MANGLED.join('|')})$`), builtins: true },
      }),
    ],
  },
  {
    input: 'src/prompt-entry.ts',
    output: { file: 'dist/prompt.js', format: 'es', sourcemap: true },
    plugins: [resolve(), ts(BROWSER), minify()],
  },
  {
    // dist/survey.js: the SDK's part that only a shown survey or a queue to deliver needs (records,
    // strings, the outbox's sync loop), loaded beside nps.js with the prompt, or when records wait.
    input: 'src/survey-entry.ts',
    output: { file: 'dist/survey.js', format: 'es', sourcemap: true },
    plugins: [resolve(), ts(BROWSER), minify({ ascii_only: true })],
  },
  {
    // dist/triggers.js: the trigger runtime, loaded beside nps.js only when some stage has `on`.
    input: 'src/triggers-entry.ts',
    output: { file: 'dist/triggers.js', format: 'es', sourcemap: true },
    plugins: [resolve(), ts(BROWSER), minify({ ascii_only: true })],
  },
  {
    // dist/locales/<code>.js: one tiny ES module per locale (`export default { …strings }`), English included.
    input: Object.fromEntries(LOCALES.map((c) => [c, `src/prompt/locales/${c}.ts`])),
    output: { dir: 'dist/locales', format: 'es', entryFileNames: '[name].js' },
    plugins: [ts(BROWSER), minify()],
  },
  {
    // The bundler build: dependencies stay imports (the app's bundler dedupes Preact), and the
    // prompt, the survey runtime (with the delivery machinery) and the trigger runtime are entries
    // of their own (dist/esm/) that index.js reaches through `import()`.
    input: {
      index: 'src/index.ts',
      'esm/prompt': 'src/prompt-entry.ts',
      'esm/survey': 'src/survey-entry.ts',
      'esm/triggers': 'src/triggers-entry.ts',
    },
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // What the SDK and the prompt share (pure core/ helpers) goes in one chunk.
      manualChunks: (id) => (id.startsWith(`${SRC}core/`) ? 'esm/core' : undefined),
      // Chunks Rollup makes by itself (code shared by the SDK and the survey runtime) go to dist/esm/ too.
      chunkFileNames: (chunk) => (chunk.name.startsWith('esm/') ? '[name].js' : 'esm/[name].js'),
      paths: (id) => (id.startsWith(DIST) ? './' + id.slice(DIST.length) : id),
    },
    external: [/^preact/, /^@preact\//, /^idb-keyval/],
    plugins: [externalLocales, ts(), declarationFiles],
  },
  {
    // dist/dashboard/: the dashboard app the collector serves (preact and signals bundled).
    input: { dashboard: 'src/dashboard/main.tsx', login: 'src/dashboard/login.ts' },
    output: { dir: 'dist/dashboard', format: 'es', entryFileNames: '[name].js', sourcemap: false },
    plugins: [
      dashboardStatic,
      resolve(),
      // No size budget applies here: esbuild's minifier, a fraction of terser's time.
      esbuild({ target: 'es2020', tsconfig: './tsconfig.json', minify: true }),
    ],
  },
  {
    input: 'src/collector-entry.ts',
    output: { file: 'dist/collector/index.js', format: 'es', sourcemap: true },
    external: COLLECTOR_EXTERNAL,
    plugins: [jsonModule, ts()],
  },
  {
    // Every declaration file from one TypeScript program (a program per file took twice as long).
    input: { index: 'src/index.ts', prompt: 'src/prompt-entry.ts', 'collector/index': 'src/collector-entry.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'types/[name].d.ts' },
    external: COLLECTOR_EXTERNAL,
    plugins: [dts()],
  },
];

import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import dts from 'rollup-plugin-dts';

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*'],
    compilerOptions: { noEmit: false, declaration: false, outDir: 'dist', types: [] },
  });

// Terser settings that matter for the size budget: several passes, ES2020 output (no ES5 helpers).
const minify = () =>
  terser({ ecma: 2020, module: false, compress: { passes: 3, pure_getters: true, unsafe_arrows: true }, format: { comments: false } });

export default [
  {
    input: 'src/embed.ts',
    output: { file: 'dist/nps.js', format: 'iife', sourcemap: true },
    plugins: [resolve(), ts(), minify()],
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
];

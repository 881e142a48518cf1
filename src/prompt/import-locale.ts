import type { Messages } from '../core/options';

/**
 * ESM build: a dynamic import with a static prefix, so bundlers (Vite, webpack, Rollup, esbuild)
 * split each locale into its own chunk and load only the one needed. `dist/locales/<code>.js`
 * sit beside `dist/index.js`. The script-tag build swaps this module for `import-locale-script.ts`.
 */
export const importLocale = (code: string): Promise<{ default: Partial<Messages> }> =>
  import(`./locales/${code}.js`);

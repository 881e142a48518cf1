import { defineConfig } from 'vitest/config';

// Three projects: fast unit/component tests in happy-dom; tests that run in Node itself (the
// collector, the demo server, the packed package); and real-browser tests that drive Debian's
// Chromium through playwright-core from Node (run one file at a time: the machine has 2 cores).
// Browser tests live beside the unit tests of the layer they pin, named `*.browser.test.ts`.
const NODE = ['test/collector/**', 'test/demo/**', 'test/package/**'];
const BROWSER = 'test/**/*.browser.test.ts';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [BROWSER, ...NODE, '**/node_modules/**'],
          setupFiles: ['test/helpers/setup-unit.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: NODE.map((folder) => `${folder}/*.test.ts`),
          exclude: [BROWSER, '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: [BROWSER],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // One worker runs the files one after another and keeps its module cache (playwright-core, the
          // helpers, the collector): each file still launches its own browser and server, and closes them.
          isolate: false,
        },
      },
    ],
  },
});

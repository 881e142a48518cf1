import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackage, packPackage } from '../helpers/packed-package';

// The declarations as a TypeScript app sees them: the packed tarball installed (offline) into a
// scratch project, and a consumer of every entry (the ESM API, window.nps through
// nps-widget/global, a locale module, the collector) compiled with skipLibCheck: false under each
// moduleResolution. Each `@ts-expect-error` fails the compile if its line is NOT an error, so a
// declaration that silently resolves to `any` fails here.
const ROOT = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'nps-consumer-'));
const app = join(work, 'app');
beforeAll(() => installPackage(packPackage(work), app, ['@types/node']), 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CONSUMER = {
  'esm.ts': `import { createNps, npsScore, type Renderer, type NpsOptions } from 'nps-widget';
const render: Renderer = (survey) => ({ close: () => void survey.id });
const options = { endpoint: '/api/nps', stages: { checkout: {}, onboarded: {} }, render } satisfies NpsOptions;
const nps = createNps(options);
void nps.show({ stage: 'checkout' });
void nps.show('checkout');
// @ts-expect-error: not a configured stage
void nps.show('chekout');
// @ts-expect-error: not a configured stage
void nps.show({ stage: 'typo' });
// @ts-expect-error: not an option
createNps({ endpoint: '/api/nps', bogus: 1 });
export const score: number = npsScore([10, 9, 3]);
`,
  'global.ts': `/// <reference types="nps-widget/global" />
window.nps.init({ endpoint: '/api/nps', product: 'Acme' });
window.nps.track('upgraded');
export const version: string = window.nps.version;
// @ts-expect-error: not an option of init
window.nps.init({ bogus: 1 });
`,
  'locale.ts': `import de from 'nps-widget/locales/de.js';
export const question: string | undefined = de.question;
// @ts-expect-error: a locale's strings are strings
export const wrong: number = de.question;
`,
  'collector.ts': `import { createCollector, createLogLines, createResponseStore, migrate, openDatabase, readServerSettings, startServer, type RefusedRequest } from 'nps-widget/collector';
export async function main(): Promise<void> {
  const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data' });
  await migrate(db);
  const log = createLogLines({ format: 'json' });
  const refused: RefusedRequest[] = [];
  createCollector({ store: createResponseStore(db), dashboardToken: 'x'.repeat(16), onRefused: (r) => { refused.push(r); log.refused(r); } });
  // @ts-expect-error: dashboardToken is required
  createCollector({ store: createResponseStore(db) });
  const server = await startServer(readServerSettings(process.env));
  await server.stop();
}
`,
};

const RESOLUTIONS = [
  { moduleResolution: 'bundler', module: 'esnext' },
  { moduleResolution: 'node16', module: 'node16' },
  { moduleResolution: 'nodenext', module: 'nodenext' },
  { moduleResolution: 'node10', module: 'commonjs' },
] as const;

it.each(RESOLUTIONS)(
  'compiles a consumer of every entry under moduleResolution $moduleResolution',
  (resolution) => {
    const dir = join(app, `consumer-${resolution.moduleResolution}`);
    execFileSync('mkdir', ['-p', dir]);
    for (const [file, source] of Object.entries(CONSUMER)) writeFileSync(join(dir, file), source);
    // node10 is CommonJS: its folder says so; the others are ES modules like the package.
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ type: resolution.moduleResolution === 'node10' ? 'commonjs' : 'module' }),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          strict: true,
          noEmit: true,
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: ['node'],
          skipLibCheck: false,
        },
        files: Object.keys(CONSUMER),
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  },
  120_000,
);

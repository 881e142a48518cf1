// An app that imports 'nps-widget' is bundled with Rollup and with esbuild: the prompt, the survey
// runtime and each locale must become chunks of their own, and a German visitor must get German.
import nodeResolve from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser-session';
import { defined } from '../helpers/defined';

const ROOT = new URL('../..', import.meta.url).pathname;
const GERMAN = 'Wie wahrscheinlich ist es, dass Sie Acme';
// Only the prompt touches constructable stylesheets.
const PROMPT_MARKER = 'adoptedStyleSheets';

let dir: string;
beforeAll(() => {
  // A tiny app in its own folder, with the package installed as a bundler would find it.
  dir = mkdtempSync(join(tmpdir(), 'nps-bundlers-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/nps-widget'), 'dir');
  writeFileSync(
    join(dir, 'app.js'),
    `import { createNps } from 'nps-widget';
     const nps = createNps({ endpoint: '/api/nps', locale: 'de-AT', product: 'Acme' });
     window.result = nps.show({ force: true });`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const session = useBrowserSession({
  routes: [
    async (req, res) => {
      if (req.url === '/api/nps') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return true;
      }
      const file = /^\/app\/(rollup|esbuild)\/([\w.-]+\.js)$/.exec(req.url ?? '');
      if (!file) return false;
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(dir, 'out', file[1], file[2])));
      return true;
    },
  ],
});

/** The output files of one bundler, with their code. */
function chunks(bundler: string): Map<string, string> {
  const out = join(dir, 'out', bundler);
  return new Map(
    readdirSync(out)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
  );
}

function expectSplit(files: Map<string, string>, entry: string) {
  const withText = (text: string) => [...files].filter(([, code]) => code.includes(text)).map(([f]) => f);
  expect(files.get(entry)).toBeDefined();
  const prompt = withText(PROMPT_MARKER);
  const german = withText('Wie wahrscheinlich');
  expect(prompt).toHaveLength(1);
  expect(german).toHaveLength(1);
  expect(prompt[0]).not.toBe(entry);
  expect(german[0]).not.toBe(entry);
  expect(german[0]).not.toBe(prompt[0]);
  // Every other locale is a chunk of its own too: French is in neither the entry nor the German chunk.
  const french = withText('Quelle est la probabilit');
  expect(french).toHaveLength(1);
  expect([entry, german[0], prompt[0]]).not.toContain(french[0]);
}

async function runInBrowser(bundler: string, entry: string) {
  session.server.page(
    `/${bundler}.html`,
    `<!doctype html><html><body><script type="module" src="/app/${bundler}/${entry}"></script></body></html>`,
  );
  const page = await session.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${session.url}/${bundler}.html`);
  await page.waitForFunction(() => document.querySelector('nps-widget')?.shadowRoot?.textContent?.includes('Wie'));
  const text = await page.evaluate(() => document.querySelector('nps-widget')?.shadowRoot?.textContent);
  await page.close();
  expect(errors).toEqual([]);
  expect(text).toContain(GERMAN);
  return requested;
}

describe('dist/index.js in bundlers', () => {
  it('Rollup splits the prompt and each locale into chunks, and German loads', async () => {
    const bundle = await rollup({ input: join(dir, 'app.js'), plugins: [nodeResolve({ browser: true })] });
    const { output } = await bundle.write({ dir: join(dir, 'out/rollup'), format: 'es', entryFileNames: 'app.js' });
    await bundle.close();
    expect(output.length).toBeGreaterThan(3);
    const files = chunks('rollup');
    expectSplit(files, 'app.js');
    const requested = await runInBrowser('rollup', 'app.js');
    const german = defined(
      [...files].find(([, code]) => code.includes('Wie wahrscheinlich')),
      'a chunk in German',
    )[0];
    expect(requested).toContain(`/app/rollup/${german}`);
  });

  it('esbuild splits the prompt and each locale into chunks, and German loads', async () => {
    await build({
      entryPoints: [join(dir, 'app.js')],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: join(dir, 'out/esbuild'),
      absWorkingDir: dir,
      logLevel: 'silent',
    });
    const files = chunks('esbuild');
    expectSplit(files, 'app.js');
    const requested = await runInBrowser('esbuild', 'app.js');
    const german = defined(
      [...files].find(([, code]) => code.includes('Wie wahrscheinlich')),
      'a chunk in German',
    )[0];
    expect(requested).toContain(`/app/esbuild/${german}`);
  });
});

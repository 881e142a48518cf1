// @vitest-environment node
// Server rendering: a Node process that imports the package and creates the client exits by itself
// (no open channel, port or timer keeps its event loop alive), and show() there is 'disabled'.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = `${root}dist/index.js`;

beforeAll(() => {
  // `npm test` builds first; a single run of this file builds what it needs.
  if (!existsSync(entry)) execFileSync('npx', ['rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit' });
}, 180_000);

const script = `
const { createNps } = await import(${JSON.stringify(entry)});
const nps = createNps({ endpoint: 'https://collect.example/api/nps', product: 'Acme' });
console.log(JSON.stringify(await nps.show()));
`;

it('importing dist/index.js, createNps() and show() in Node: skipped "disabled", and the process exits without destroy()', async () => {
  const started = Date.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      // A process kept alive is killed after 10 s (and then has no exit code 0).
      const child = execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { timeout: 10_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error.code as number | null) ?? null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    },
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ status: 'skipped', reason: 'disabled' });
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);

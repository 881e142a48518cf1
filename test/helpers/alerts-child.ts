/**
 * Runs TypeScript modules in a child Node process, for tests that kill a process: transpiles the
 * entry and every relative module it imports (TypeScript's transpileModule, no type checking) into
 * a temporary directory as `.mjs`, and spawns Node on the entry.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

function transpileTree(entry: string, outDir: string, done = new Set<string>()): void {
  if (done.has(entry)) return;
  done.add(entry);
  const source = readFileSync(entry, 'utf8');
  let { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: entry,
  });
  outputText = outputText.replace(
    /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
    (_, lead: string, quote: string, specifier: string) => {
      transpileTree(resolve(dirname(entry), specifier + '.ts'), outDir, done);
      return `${lead}${quote}${specifier}.mjs${quote}`;
    },
  );
  const target = join(outDir, relative(ROOT, entry)).replace(/\.ts$/, '.mjs');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, outputText);
}

/**
 * Starts `entry` (a path from the repository root) in a child process with `env` added; the
 * returned `ready` resolves with the child's first IPC message.
 */
export function startChild(
  entry: string,
  env: Record<string, string>,
): { child: ChildProcess; ready: Promise<unknown>; cleanUp(): void } {
  // Inside the repository, so that bare imports (pg) resolve from its node_modules.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'nps-child-'));
  transpileTree(resolve(ROOT, entry), outDir);
  const child = fork(join(outDir, entry.replace(/\.ts$/, '.mjs')), {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const ready = new Promise((resolveReady, reject) => {
    child.once('message', resolveReady);
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)));
  });
  return { child, ready, cleanUp: () => rmSync(outDir, { recursive: true, force: true }) };
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify } from 'terser';

/** The loader snippet's readable source (src/client/loader-snippet.js), the one place it is written. */
export const SNIPPET_SOURCE = readFileSync(
  // A path, not a URL: under happy-dom import.meta.url is not a file: URL.
  resolve(import.meta.dirname, '../../src/client/loader-snippet.js'),
  'utf8',
);

/**
 * The loader snippet users paste, generated from {@link SNIPPET_SOURCE} by terser; the README and
 * demo/public/index.html carry it verbatim (test/embed/snippet.test.ts checks). It defines window.nps
 * with methods that queue [method, arguments, resolve] in nps.q until dist/nps.js loads and replays them.
 * ES5 output, like its source: the snippet must parse in any browser that opens the page.
 */
export const SNIPPET = await generateSnippet(SNIPPET_SOURCE);

async function generateSnippet(source: string): Promise<string> {
  const { code } = await minify(source, { ecma: 5, format: { comments: false } });
  if (!code) throw new Error('terser produced no loader snippet');
  return code;
}

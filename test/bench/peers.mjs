// The peers' packages, pinned, installed on demand into the git-ignored cache test/bench/.peers/
// (never into the project's dependencies), and the files of theirs that the bench measures.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const PEERS_DIR = new URL('./.peers/', import.meta.url).pathname;

/** Pinned versions: bump them deliberately (`npm view <pkg> version`), the README table names them. */
export const PINNED = { 'posthog-js': '1.449.2', '@formbricks/js': '5.1.0', '@formbricks/surveys': '1.99.0' };

const pkgJson = (name) => join(PEERS_DIR, 'node_modules', name, 'package.json');
const installed = (name) => existsSync(pkgJson(name)) && JSON.parse(readFileSync(pkgJson(name), 'utf8')).version;

/** Installs the pinned peers when any is missing or at another version; returns what was done. */
export function ensurePeers(log = console.error) {
  const stale = Object.entries(PINNED).filter(([n, v]) => installed(n) !== v);
  if (!stale.length) return 'cached';
  // npm prunes what is not named on an install without a package.json, so always name all of them.
  const specs = Object.entries(PINNED).map(([n, v]) => `${n}@${v}`);
  log(`bench: installing peers into test/bench/.peers: ${specs.join(' ')}`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      PEERS_DIR,
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...specs,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (const [n, v] of Object.entries(PINNED))
    if (installed(n) !== v) throw new Error(`bench: ${n}@${v} did not install`);
  return 'installed';
}

const nm = (p) => join(PEERS_DIR, 'node_modules', p);

/**
 * The peers' files as published on npm. `kind` is how a page loads it ('classic' script or ES 'module').
 * `lazy` says what the file fetches later at run time, which its bytes here do not include.
 */
export const PEER_FILES = [
  {
    id: 'posthog-array',
    group: 'PostHog',
    pkg: 'posthog-js',
    file: 'dist/array.js',
    kind: 'classic',
    lazy: 'loads surveys.js at run time from its assets host (`/static/surveys.js`) when surveys are enabled',
  },
  { id: 'posthog-surveys', group: 'PostHog', pkg: 'posthog-js', file: 'dist/surveys.js', kind: 'classic', lazy: '' },
  {
    id: 'formbricks-js',
    group: 'Formbricks',
    pkg: '@formbricks/js',
    file: 'dist/index.js',
    kind: 'module',
    lazy: 'a loader only: setup() fetches the real SDK (`{appUrl}/js/formbricks.umd.cjs`) from the Formbricks server, not published on npm',
  },
  {
    id: 'formbricks-surveys',
    group: 'Formbricks',
    pkg: '@formbricks/surveys',
    file: 'dist/index.umd.js',
    kind: 'classic',
    lazy: 'loads question-date.umd.js (~100 KB) from unpkg only for date questions',
  },
].map((f) => ({
  ...f,
  version: PINNED[f.pkg],
  path: nm(join(f.pkg, f.file)),
  label: `${f.pkg}@${PINNED[f.pkg]} ${f.file}`,
}));

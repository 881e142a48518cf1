// `npm run bench`: nps-widget against its peers, in one run on this machine. Prints markdown tables
// and writes JSON. Not part of `npm test`; the numbers are only comparable within one run.
//   node test/bench/run.mjs [--quick] [--no-build] [--out results.json] [--md table.md]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PEER_FILES, PEERS_DIR, PINNED, ensurePeers } from './peers.mjs';
import { buildFloors, compareColumns, distFiles, sizeOf } from './sizes.mjs';
import { launchBrowser, startServer } from './harness.mjs';
import { measureScriptCost } from './script-cost.mjs';
import { measureRuntime } from './runtime.mjs';
import { markdown, targets } from './report.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outArg = args.indexOf('--out');
const mdArg = args.indexOf('--md');
const OUT =
  outArg >= 0
    ? args[outArg + 1]
    : join(quick ? PEERS_DIR : new URL('.', import.meta.url).pathname, quick ? 'results.quick.json' : 'results.json');
const log = (...a) => console.error(...a);
const started = Date.now();
const notes = [];
const version = (pkg) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const sh = (cmd, a) => {
  try {
    return execFileSync(cmd, a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

// 0. Build (so the numbers are of the current source) and peers.
if (!args.includes('--no-build')) {
  log('bench: npm run build');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const msg =
      String(e.stderr ?? e.message)
        .split('\n')
        .find((l) => l.trim()) ?? 'failed';
    if (!existsSync(join(ROOT, 'dist/nps.js')))
      throw new Error(`bench: the build failed and there is no dist/nps.js: ${msg}`);
    notes.push(`The build failed (${msg.slice(0, 160)}); measured the dist/ already on disk.`);
  }
}
try {
  ensurePeers(log);
} catch (e) {
  notes.push(`Could not install the peers (${String(e.message ?? e).slice(0, 160)}): their rows are missing.`);
}
const peers = PEER_FILES.filter((f) => existsSync(f.path));

const env = {
  date: new Date().toISOString(),
  nproc: cpus().length,
  cpu: cpus()[0]?.model?.trim(),
  loadavg: loadavg().map((x) => +x.toFixed(2)),
  node: process.version,
  commit:
    sh('git', ['rev-parse', '--short', 'HEAD']) +
    (sh('git', ['status', '--porcelain', '--', 'src']) ? ' + uncommitted src/ changes' : ''),
  libs: {
    preact: version('preact'),
    '@preact/signals': version('@preact/signals'),
    'idb-keyval': version('idb-keyval'),
  },
  peers: PINNED,
  quick,
};
const ourVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

// 1. Download bytes.
log('bench: sizes');
const floors = await buildFloors(join(PEERS_DIR, 'floor'));
const dePath = join(ROOT, 'dist/locales/de.js');
const ours = {
  id: 'nps',
  label: `nps-widget ${ourVersion} dist/nps.js`,
  path: join(ROOT, 'dist/nps.js'),
  kind: 'classic',
  ours: true,
};
const de = existsSync(dePath)
  ? {
      id: 'locale-de',
      label: 'nps-widget dist/locales/de.js (loaded only for German)',
      path: dePath,
      mine: true,
      kind: /\bexport\b/.test(readFileSync(dePath, 'utf8')) ? 'module' : 'classic',
    }
  : {
      id: 'locale-de',
      label: 'nps-widget dist/locales/de.js',
      na: 'n/a: not built yet (the locale modules are not in dist/)',
    };
const libs = `preact ${env.libs.preact} + preact/hooks + @preact/signals ${env.libs['@preact/signals']} + idb-keyval ${env.libs['idb-keyval']}`;
const floorFull = {
  id: 'floor-full',
  label: `libraries alone, whole public APIs (${libs}; same rollup + terser)`,
  path: floors.full.path,
  kind: 'classic',
  mine: true,
};
const usedList =
  Object.entries(floors.used.imports)
    .map(([m, n]) => `${m}: ${n.join(', ')}`)
    .join('; ') || 'nothing';
const floorUsed = {
  id: 'floor-used',
  label: `libraries alone, only what src/ imports today (${usedList})`,
  path: floors.used.path,
  kind: 'classic',
  mine: true,
};
const promptPath = join(ROOT, 'dist/prompt.js');
const prompt = {
  id: 'prompt',
  label: 'nps-widget dist/prompt.js (loaded only when a prompt shows)',
  path: promptPath,
  kind: 'module',
  mine: true,
};
const rows = [ours, prompt, de, floorFull, floorUsed, ...peers].map((f) => (f.na ? f : { ...f, ...sizeOf(f.path) }));
const groups = {};
for (const f of peers) {
  groups[f.group] ??= { raw: 0, gzip: 0, brotli: 0, files: [] };
  const g = groups[f.group];
  const s = rows.find((x) => x.id === f.id);
  for (const k of ['raw', 'gzip', 'brotli']) g[k] += s[k];
  g.files.push(f.file);
}
const sizeRows = [];
for (const r of rows) {
  sizeRows.push(r);
  const g = peers.filter((f) => f.group === r.group);
  if (g.length > 1 && g.at(-1).id === r.id)
    sizeRows.push({
      id: `${r.group}-sum`,
      label: `= ${r.group} total (${g.map((f) => f.file.replace('dist/', '')).join(' + ')})`,
      ...groups[r.group],
    });
}
const sizes = { ours: rows[0], rows: sizeRows, groups, floors: { full: { ...floors.full }, used: { ...floors.used } } };
sizes.columns = compareColumns(ROOT, peers, rows);
for (const f of peers) if (f.lazy) notes.push(`${f.label}: ${f.lazy}.`);

// 2 + 3. Chromium.
// An empty script shows the method's fixed cost (request, cache read, load event) beside the others.
const empty = {
  id: 'empty',
  label: 'an empty script (what the method costs by itself)',
  path: join(PEERS_DIR, 'empty.js'),
  kind: 'classic',
  mine: true,
};
const emptyModule = {
  id: 'empty-module',
  label: 'an empty ES module (the same, for modules)',
  path: join(PEERS_DIR, 'empty.mjs'),
  kind: 'module',
  mine: true,
};
writeFileSync(empty.path, '// empty\n');
writeFileSync(emptyModule.path, 'export {};\n');
const measured = [ours, prompt, ...(de.na ? [] : [de]), floorFull, empty, emptyModule, ...peers];
// nps.js loads prompt.js, survey.js and locales/<code>.js from beside itself: serve all of dist/ there too.
const besideSdk = distFiles(join(ROOT, 'dist')).map((f) => [`/f/${f.slice(join(ROOT, 'dist').length + 1)}`, f]);
const server = await startServer(Object.fromEntries([...besideSdk, ...measured.map((f) => [`/f/${f.id}.js`, f.path])]));
let browser;
const result = { env, sizes, notes };
try {
  browser = await launchBrowser();
  env.chromium = browser.version();
  log('bench: script cost');
  try {
    const sc = await measureScriptCost(
      browser,
      server,
      measured,
      quick
        ? { warm: 2, rounds: 5, heapRounds: 3, traceRounds: 3, log }
        : { warm: 3, rounds: 20, heapRounds: 7, traceRounds: 8, log },
    );
    sc.rows = measured;
    result.scriptCost = sc;
    for (const [id, s] of Object.entries(sc.files)) {
      if (s.cacheHits < s.n)
        notes.push(`${id}: only ${s.cacheHits} of ${s.n} measured loads came from the HTTP cache.`);
      if (s.errors.length) notes.push(`${id} threw on a blank page: ${s.errors.join('; ')}`);
    }
  } catch (e) {
    result.scriptCostNa = String(e.message ?? e).slice(0, 200);
  }
  log('bench: runtime');
  try {
    result.runtime = await measureRuntime(
      browser,
      server,
      quick
        ? { shows: 20, coldShows: 5, answers: 5, records: 100, warm: 2, idleMs: 2000, log }
        : { shows: 100, coldShows: 30, answers: 30, records: 1000, warm: 5, idleMs: 5000, log },
    );
    if (result.runtime.errors.length)
      notes.push(`Page errors during the runtime bench: ${result.runtime.errors.slice(0, 3).join('; ')}`);
  } catch (e) {
    result.runtimeNa = String(e.message ?? e).slice(0, 200);
  }
} catch (e) {
  // Only reached when Chromium itself cannot start: the sizes still stand.
  result.scriptCostNa = result.runtimeNa = `Chromium did not start: ${String(e.message ?? e)
    .split('\n')[0]
    .slice(0, 160)}`;
} finally {
  await browser?.close();
  await server.close();
}
if (quick) notes.push('Quick smoke run (--quick): fewer samples and records; not for the README.');
env.loadavgEnd = loadavg().map((x) => +x.toFixed(2));
// Other work on the machine inflates every timing (sizes and counts are unaffected): say so.
const busy = Math.max(env.loadavg[0], env.loadavgEnd[0]);
if (busy > env.nproc)
  notes.push(
    `The machine was busy (1-minute load average up to ${busy} on ${env.nproc} cores): timings include that noise.`,
  );
result.targets = targets(result);
env.seconds = Math.round((Date.now() - started) / 1000);

const machine = `Machine: ${env.nproc} × ${env.cpu}, Node ${env.node}, Chromium ${env.chromium}, load average ${env.loadavg[0]} → ${env.loadavgEnd[0]}, ${env.date} (commit ${env.commit}); took ${env.seconds} s.`;
const md = markdown(result) + '\n' + machine + '\n';
console.log(md);
if (mdArg >= 0) writeFileSync(args[mdArg + 1], md);
// The JSON keeps summaries, not raw samples, so the committed file stays small.
if (result.scriptCost) delete result.scriptCost.rows;
writeFileSync(OUT, JSON.stringify(result, (k, v) => (k === 'path' ? undefined : v), 1) + '\n');
log(`bench: wrote ${OUT.replace(ROOT, '')}`);

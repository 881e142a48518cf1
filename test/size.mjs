// Size budget check, run by `npm test` after the build. Budgets live in package.json ("sizeBudget").
// Prints each file's gzip -9 size (and brotli for reference); exits 1 when any file is over.
// `node test/size.mjs --modules` also lists each source module's share of dist/nps.js (minified bytes).
// `--modules=dist/survey.js` does the same for another bundle that has a source map.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname, basename } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { sizeBudget } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// "dist/locales/*.js" style globs: one directory level, '*' in the file name only.
function files(pattern) {
  if (!pattern.includes('*')) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp('^' + basename(pattern).replace(/\./g, '\\.').replace('*', '.*') + '$');
  return existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => re.test(f))
        .map((f) => join(dir, f))
    : [];
}

let over = 0;
const check = (label, g, limit, goal, detail = '') => {
  const ok = g <= limit;
  if (!ok) over++;
  const aim = goal ? `, aim ${goal} B${g <= goal ? ' met' : ` missed by ${g - goal} B`}` : '';
  console.log(`size: ${label} ${g} B gzip${detail}, budget ${limit} B${aim}: ${ok ? 'ok' : 'OVER BUDGET'}`);
};
for (const { name, path, paths, gzip: limit, goal } of sizeBudget) {
  // `paths`: files downloaded together (each one separately compressed), budgeted as their sum.
  if (paths) {
    const missing = paths.filter((f) => !existsSync(join(root, f)));
    if (missing.length) {
      console.error(`size: ${missing.join(', ')} missing (did the build run?)`);
      over++;
      continue;
    }
    const sizes = paths.map((f) => gzip(readFileSync(join(root, f))));
    check(
      name,
      sizes.reduce((a, b) => a + b, 0),
      limit,
      goal,
      ` (${paths.map((f, i) => `${basename(f)} ${sizes[i]}`).join(' + ')})`,
    );
    continue;
  }
  const matched = files(path);
  if (!matched.length) {
    console.error(`size: no file matches ${path} (did the build run?)`);
    over++;
  }
  for (const f of matched) {
    const buf = readFileSync(join(root, f));
    check(f, gzip(buf), limit, goal, ` (${buf.length} B min, ${brotli(buf)} B brotli)`);
  }
}

// `--modules=dist/survey.js` lists another bundle's modules instead.
const modulesOf = process.argv.find((a) => a.startsWith('--modules'));
if (modulesOf) {
  const bundle = modulesOf.split('=')[1] || 'dist/nps.js';
  const code = readFileSync(join(root, bundle), 'utf8');
  const map = JSON.parse(readFileSync(join(root, bundle + '.map'), 'utf8'));
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const vlq = (s) => {
    const out = [];
    let v = 0,
      shift = 0;
    for (const c of s) {
      const d = B64.indexOf(c);
      v += (d & 31) << shift;
      if (d & 32) shift += 5;
      else {
        out.push(v & 1 ? -(v >> 1) : v >> 1);
        v = 0;
        shift = 0;
      }
    }
    return out;
  };
  const lines = code.split('\n');
  const size = {};
  let src = 0;
  map.mappings.split(';').forEach((line, li) => {
    let col = 0;
    const pts = [];
    // Columns are relative to the previous segment of the line, sources to the previous segment of the map.
    for (const segment of line.split(',').filter(Boolean).map(vlq)) {
      col += segment[0];
      if (segment.length > 1) src += segment[1];
      pts.push([col, src]);
    }
    pts.forEach(([c, s], i) => {
      const name = map.sources[s];
      size[name] = (size[name] ?? 0) + (i + 1 < pts.length ? pts[i + 1][0] : lines[li].length) - c;
    });
  });
  for (const [k, v] of Object.entries(size).sort((a, b) => b[1] - a[1]))
    console.log(String(v).padStart(7), k.replace(/^(\.\.\/)+/, ''));
}
if (over) {
  console.error(`size: ${over} file(s) over budget`);
  process.exit(1);
}

// Script cost: for each file, on a blank 127.0.0.1 page, the time from requesting it to its having
// run: fetch from the HTTP cache, compile, run (performance marks around a dynamically inserted
// <script>, or import() for ES modules), cross-checked with CDP ScriptDuration; and the JS heap it
// adds (JSHeapUsedSize after a forced GC, minus that of a page that loaded an empty script).
import { median, quantile } from './harness.mjs';

// The page loads empty; once it is idle (after two frames and an idle callback) the file is requested
// by a dynamic <script> (or import() for an ES module), so nothing of the page's own start-up is
// counted; 'b' is marked on its load event, which fires right after it ran.
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><script>
window.go = (src, kind) => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => {
  const end = (e) => { if (e) window.benchError = String(e); performance.mark('b'); done(); };
  performance.mark('a');
  if (kind == 'module') return import(src).then(() => end(), end);
  const s = document.createElement('script');
  s.src = src;
  s.onload = () => end();
  s.onerror = () => end('load failed');
  document.head.append(s);
}, { timeout: 500 }))));
</script></body></html>`;

async function loadOnce(context, server, f, { metrics = true, heap = true } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message).slice(0, 120)));
  const cdp = metrics && (await context.newCDPSession(page));
  if (cdp) await cdp.send('Performance.enable');
  await page.goto(`${server.url}/p/blank.html`, { waitUntil: 'load' });
  await page.evaluate(([src, kind]) => window.go(src, kind), [`/f/${f.id}.js`, f.kind]);
  const t = await page.evaluate((id) => {
    const m = (n) => performance.getEntriesByName(n)[0].startTime;
    const r = performance.getEntriesByType('resource').find((e) => e.name.includes(`/f/${id}.js`));
    return {
      cost: m('b') - m('a'),
      fetch: r ? r.responseEnd - r.startTime : 0,
      fromCache: r ? r.transferSize === 0 && r.deliveryType === 'cache' : true,
      error: window.benchError,
    };
  }, f.id);
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === name).value;
  if (cdp) t.scriptDuration = (await metric('ScriptDuration')) * 1000;
  if (cdp && heap) {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    t.heap = await metric('JSHeapUsedSize');
  }
  if (t.error) errors.push(t.error);
  t.errors = errors;
  await page.close();
  return t;
}

// CPU time (trace thread time, robust to a busy machine) of compiling and running the file: on the
// main thread (EvaluateScript = compile + run of a classic script; compileModule + evaluateModule)
// and on the background thread that parses streamed scripts.
const CATEGORIES = ['devtools.timeline', 'v8'];
async function traceOnce(browser, context, server, f) {
  const page = await context.newPage();
  await page.goto(`${server.url}/p/blank.html`, { waitUntil: 'load' });
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.evaluate(([src, kind]) => window.go(src, kind), [`/f/${f.id}.js`, f.kind]);
  const events = JSON.parse(await browser.stopTracing()).traceEvents.filter((e) => e.ph === 'X');
  await page.close();
  const mine = (e) => String(e.args?.data?.url ?? '').endsWith(`/f/${f.id}.js`);
  let main = 0,
    background = 0;
  for (const e of events) {
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    if ((e.name === 'EvaluateScript' || e.name === 'v8.compileModule') && mine(e)) main += ms;
    // The page's own script is classic: any module evaluated in this window is the file.
    else if (e.name === 'v8.evaluateModule' && f.kind === 'module') main += ms;
    else if (e.name === 'v8.parseOnBackground' && mine(e)) background += ms;
  }
  return { main, background, cpu: main + background };
}

/**
 * Measures every file in `files` ({ id, path, kind }). `warm` loads per file prime the HTTP cache and
 * V8's code cache (a returning visitor); then `rounds` rounds load each file once on a fresh page,
 * in a rotating order so that drift on a noisy machine spreads over all files.
 */
export async function measureScriptCost(
  browser,
  server,
  files,
  {
    baseline = { classic: 'empty', module: 'empty-module' },
    warm = 3,
    rounds = 25,
    heapRounds = 7,
    traceRounds = 8,
    log = () => {},
  } = {},
) {
  const all = files;
  server.page('/p/blank.html', PAGE);
  const context = await browser.newContext();
  const samples = Object.fromEntries(all.map((f) => [f.id, []]));
  const errors = {};
  for (const f of all) for (let i = 0; i < warm; i++) await loadOnce(context, server, f, { metrics: false });
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < all.length; i++) {
      const f = all[(i + r) % all.length];
      // The heap after GC hardly varies: a few samples are enough, and each GC costs time.
      const s = await loadOnce(context, server, f, { heap: r < heapRounds });
      s.round = r;
      samples[f.id].push(s);
      for (const e of s.errors) {
        errors[f.id] ??= new Set();
        errors[f.id].add(e);
      }
    }
    if ((r + 1) % 5 === 0) log(`  script cost: round ${r + 1}/${rounds}`);
  }
  // Traced loads are separate from the timed ones: tracing slows the page down.
  const traces = Object.fromEntries(all.map((f) => [f.id, []]));
  for (let r = 0; r < traceRounds; r++)
    for (const f of all) traces[f.id].push(await traceOnce(browser, context, server, f));
  log(`  script cost: ${traceRounds} traced loads per file`);
  await context.close();
  const pick = (id, k) => samples[id].map((s) => s[k]);
  // Net figures subtract a page that loaded an empty file the same way (classic script or module).
  const bases = {};
  for (const [kind, id] of Object.entries(baseline))
    if (samples[id])
      bases[kind] = {
        id,
        heap: median(pick(id, 'heap')),
        scriptDuration: median(pick(id, 'scriptDuration')),
        cost: median(pick(id, 'cost')),
      };
  const out = {};
  for (const f of all) {
    const cost = pick(f.id, 'cost');
    const base = bases[f.kind] ?? { heap: NaN, scriptDuration: NaN, cost: NaN };
    out[f.id] = {
      n: cost.length,
      median: median(cost),
      // Paired by round (the empty file was loaded in the same round), so drift cancels out.
      net: base.id ? median(samples[f.id].map((x) => x.cost - samples[base.id][x.round].cost)) : NaN,
      p95: quantile(cost, 0.95),
      fetchMedian: median(pick(f.id, 'fetch')),
      cacheHits: pick(f.id, 'fromCache').filter(Boolean).length,
      cpu: median(traces[f.id].map((t) => t.cpu)),
      cpuMain: median(traces[f.id].map((t) => t.main)),
      cpuBackground: median(traces[f.id].map((t) => t.background)),
      traced: traces[f.id].length,
      scriptDurationMedian: median(pick(f.id, 'scriptDuration')) - base.scriptDuration,
      heapAdded: median(pick(f.id, 'heap')) - base.heap,
      errors: [...(errors[f.id] ?? [])],
    };
  }
  return { baselines: bases, files: out, warm, rounds, traceRounds };
}

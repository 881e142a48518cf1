// Our runtime in headless Chromium: show() → painted, long tasks, storing an answer, draining a
// queue built offline, and idle CPU. Parts that need the prompt UI report 'n/a: reason' until it lands.
import { readFileSync } from 'node:fs';
import { median, quantile } from './harness.mjs';

const PROBE = readFileSync(new URL('./page-probe.js', import.meta.url), 'utf8');
const html = (withWidget) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bench</title><script>${PROBE}</script></head><body>` +
  `<script>performance.mark('load0')</script>${withWidget ? '<script src="/f/nps.js"></script>' : ''}<script>performance.mark('load1')</script></body></html>`;

const stats = (xs) => ({ n: xs.length, median: median(xs), p95: quantile(xs, 0.95), max: quantile(xs, 1) });
const INIT = (url) => ({ endpoint: `${url}/api/nps`, product: 'Bench' });

async function initPage(page, server) {
  await page.goto(`${server.url}/r/widget.html`, { waitUntil: 'load' });
  const ok = await page.evaluate(() => typeof window.nps?.init === 'function');
  if (!ok) throw new Error('window.nps.init is missing after loading dist/nps.js');
  await page.evaluate(
    (o) =>
      B.inTask(() => {
        performance.mark('init0');
        nps.init(o);
        performance.mark('init1');
        B.listen();
      }),
    INIT(server.url),
  );
  await page.waitForTimeout(500); // let start-up work (queue read, first flush) finish inside the init window
  await page.evaluate(() => performance.mark('init2'));
}

/** Long tasks per phase, from the page's observer; phases are [start mark, end mark]. */
async function longTasks(page, phases) {
  return page.evaluate((phases) => {
    const m = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
    const out = { total: B.lt.length, supported: !B.ltError, worst: Math.max(0, ...B.lt.map(([, d]) => d)) };
    for (const [name, a, b] of phases) out[name] = B.lt.filter(([s]) => s >= m(a) && s < (b ? m(b) : Infinity)).length;
    return out;
  }, phases);
}

/**
 * Runs the runtime measurements. `n` sets the sample counts: shows (≥ 100 for the report), answers,
 * records to drain (1,000 for the report).
 */
export async function measureRuntime(
  browser,
  server,
  { shows = 100, coldShows = 30, answers = 30, records = 1000, warm = 5, idleMs = 5000, log = () => {} } = {},
) {
  server.page('/r/widget.html', html(true));
  server.page('/r/blank.html', html(false));
  const out = {};
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message).slice(0, 160)));
  await initPage(page, server);

  // 1. show() → painted.
  await page.evaluate(() => performance.mark('show0'));
  const first = await page.evaluate(() => B.inTask(B.showOnce, false));
  if (!first.ok) {
    out.show = {
      na: `no [role=dialog] appeared in the widget's shadow root within 3 s (show() resolved ${JSON.stringify(first.result)}); the prompt UI is not in dist/nps.js yet`,
    };
  } else {
    for (let i = 1; i < warm; i++) await page.evaluate(() => B.inTask(B.showOnce, false));
    const samples = await page.evaluate(
      (n) =>
        B.inTask(async () => {
          const s = [];
          for (let i = 0; i < n; i++) s.push(await B.showOnce(false));
          return s;
        }),
      shows,
    );
    const ok = samples.filter((s) => s.ok);
    out.show = {
      paint: stats(ok.map((s) => s.paint)),
      mount: stats(ok.map((s) => s.mount)),
      failed: samples.length - ok.length,
      invisible: ok.filter((s) => !s.visible).length,
      results: [...new Set(samples.map((s) => s.result?.status))],
    };
  }
  await page.evaluate(() => performance.mark('show1'));
  log(`  runtime: show → painted ${out.show.na ? 'n/a' : 'done'}`);

  // 2. Store an answer: click a radio in the shadow root, time to the 'score' event (emitted after the write).
  if (out.show.na) out.answer = { na: 'needs the prompt UI (no dialog to click in)' };
  else {
    const samples = [];
    for (let i = 0; i < warm + answers; i++) samples.push(await page.evaluate(() => B.inTask(B.showOnce, true)));
    const m = samples.slice(warm);
    const nums = m.map((s) => s.store).filter((x) => typeof x === 'number');
    const why = m.find((s) => typeof s.store === 'string')?.store;
    out.answer = nums.length
      ? { ...stats(nums), failed: m.length - nums.length, statuses: [...new Set(m.map((s) => s.result?.status))], why }
      : { na: why ?? 'no sample' };
  }
  await page.evaluate(() => performance.mark('answer1'));
  log(`  runtime: store an answer ${out.answer.na ? 'n/a' : 'done'}`);
  out.longTasks = await longTasks(page, [
    ['load', 'load0', 'load1'],
    ['init', 'init0', 'init2'],
    ['show', 'show0', 'show1'],
    ['answer', 'show1', 'answer1'],
  ]);

  // 3. Drain: empty the queue, go offline, make `records` records, go online, flush until empty.
  const pre = await page.evaluate(() => B.inTask(B.drain, 15000));
  if (pre.pending)
    out.drain = { na: `could not empty the queue before the drain test (${pre.pending} pending after 15 s online)` };
  else {
    await context.setOffline(true);
    const before = await page.evaluate(() => ({ ...B.errors }));
    const made = await page.evaluate((n) => B.inTask(B.cycles, n, 150000), records);
    const queued = await page.evaluate(() => nps.flush());
    const errs = await page.evaluate(() => ({ ...B.errors }));
    const evicted = (errs['storage-evicted'] ?? 0) - (before['storage-evicted'] ?? 0);
    log(`  runtime: ${made.made} records made offline in ${Math.round(made.ms)} ms, ${queued.pending} pending`);
    server.collector.reset();
    await page.evaluate(() => performance.mark('drain0'));
    const t0 = performance.now();
    await context.setOffline(false);
    const d = await page.evaluate(() => B.inTask(B.drain, 30000));
    const ms = performance.now() - t0;
    const c = server.collector;
    out.drain = {
      records: made.made,
      queuedBefore: queued.pending,
      cycleResults: made.results,
      makeMs: made.ms,
      ms,
      requests: c.requests,
      received: c.records,
      unique: c.ids.size,
      bytes: c.bytes,
      pendingAfter: d.pending,
      flushCalls: d.calls,
    };
    out.drain.errorEvents = Object.fromEntries(
      Object.entries(errs)
        .map(([k, v]) => [k, v - (before[k] ?? 0)])
        .filter(([, v]) => v),
    );
    if (queued.pending < made.made)
      out.drain.note = `only ${queued.pending} of ${made.made} records were still queued when going online${evicted ? ` (the widget emitted ${evicted} storage-evicted error event(s): the outbox caps its queue)` : ''}`;
    const lt = await longTasks(page, [['drain', 'drain0']]);
    out.drain.longTasks = lt.drain;
  }
  log(`  runtime: drain ${out.drain.na ? 'n/a' : 'done'}`);
  await context.close();

  out.coldShow = await measureColdShow(browser, server, coldShows);
  log(`  runtime: show → painted with the prompt loaded at show() ${out.coldShow.na ? 'n/a' : 'done'}`);

  // 4. Idle: a fresh page with the widget initialised and nothing queued, vs a blank page.
  out.idle = {};
  for (const which of ['blank', 'widget']) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Performance.enable');
    if (which === 'widget') await initPage(p, server);
    else await p.goto(`${server.url}/r/blank.html`, { waitUntil: 'load' });
    await p.waitForTimeout(1500);
    const snap = async () => ({
      m: Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value])),
      fired: await p.evaluate(() => ({ ...B.fired })),
    });
    const a = await snap();
    await p.waitForTimeout(idleMs);
    const b = await snap();
    const fired = {};
    for (const k of new Set([...Object.keys(a.fired), ...Object.keys(b.fired)]))
      if ((b.fired[k] ?? 0) - (a.fired[k] ?? 0)) fired[k] = (b.fired[k] ?? 0) - (a.fired[k] ?? 0);
    out.idle[which] = {
      ms: idleMs,
      taskMs: (b.m.TaskDuration - a.m.TaskDuration) * 1000,
      scriptMs: (b.m.ScriptDuration - a.m.ScriptDuration) * 1000,
      timersFired: Object.values(fired).reduce((x, y) => x + y, 0),
      fired,
    };
    await ctx.close();
  }
  log('  runtime: idle done');
  out.errors = errors;
  return out;
}

/**
 * show() → painted when the prompt module is not loaded yet: a new page each time, `show()` right
 * after `init` (before the idle warm-up), so the SDK imports prompt.js, the survey runtime and the
 * locale at show(). The first page fills the HTTP cache and is not counted: the files come from the
 * cache, as they do for a returning visitor.
 */
async function measureColdShow(browser, server, n) {
  const context = await browser.newContext();
  const samples = [];
  try {
    for (let i = 0; i <= n; i++) {
      const page = await context.newPage();
      await page.goto(`${server.url}/r/widget.html`, { waitUntil: 'load' });
      const s = await page.evaluate(
        (o) =>
          B.inTask(() => {
            nps.init(o);
            return B.showOnce(false);
          }),
        INIT(server.url),
      );
      await page.close();
      if (!s.ok) return { na: `no dialog appeared within 3 s (show() resolved ${JSON.stringify(s.result)})` };
      if (i) samples.push(s);
    }
  } finally {
    await context.close();
  }
  return { paint: stats(samples.map((s) => s.paint)), mount: stats(samples.map((s) => s.mount)) };
}

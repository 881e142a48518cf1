// Turns the bench results into markdown tables with PASS/MISS beside each target.
const n0 = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const ms = (x) =>
  Number.isFinite(x)
    ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')) + ' ms'
    : 'n/a';
const kb = (x) => (Number.isFinite(x) ? (x / 1024).toFixed(x < 10240 ? 1 : 0) + ' KiB' : 'n/a');
const times = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + '×' : 'n/a');

/** Peers as "N× ours"; our own parts (locale, floors) as a share of ours. */
const vs = (x, ours, mine) =>
  !Number.isFinite(x / ours) ? 'n/a' : mine ? `${Math.round((100 * x) / ours)}% of ours` : times(x / ours) + ' ours';

/** Whether a measurement is absent (null or undefined): a missing row, or a target without a verdict. */
const absent = (x) => x === null || x === undefined;

/** PASS/MISS with the margin, or n/a. `ok` decides; `by` says how far off when missed. */
const verdict = (ok, by) => (absent(ok) ? 'n/a' : ok ? 'PASS' : `MISS${by ? ` (${by})` : ''}`);

/** Every target of DESIGN's performance budgets with its measured value, in one list (also stored in the JSON). */
export function targets(r) {
  const ours = r.sizes.ours.gzip;
  const path = r.sizes.groups.PostHog?.gzip;
  const sc = r.scriptCost?.files ?? {};
  const ourCost = sc.nps?.median;
  const phCost = sc['posthog-surveys']?.median;
  const { show, answer, drain, idle, longTasks } = r.runtime ?? {};
  const de = r.sizes.rows.find((x) => x.id === 'locale-de');
  const t = [];
  const add = (target, measured, ok, by) => t.push({ target, measured, result: verdict(ok, by) });
  const shownSum = r.sizes.columns?.shownSurvey[0];
  add('SDK dist/nps.js ≤ 7,680 B gzip (every page view)', `${n0(ours)} B`, ours <= 7680, `+${n0(ours - 7680)} B`);
  add('SDK dist/nps.js aim ≤ 6,144 B gzip', `${n0(ours)} B`, ours <= 6144, `+${n0(ours - 6144)} B`);
  const prompt = r.sizes.rows.find((x) => x.id === 'prompt');
  if (!absent(prompt?.gzip))
    add(
      'prompt dist/prompt.js ≤ 12,288 B gzip (aim 11,264)',
      `${n0(prompt.gzip)} B`,
      prompt.gzip <= 12288,
      `+${n0(prompt.gzip - 12288)} B`,
    );
  if (shownSum) {
    const files = `${n0(shownSum.gzip)} B (${shownSum.files.join(' + ')})`;
    add('a shown prompt in German ≤ 25,600 B gzip', files, shownSum.gzip <= 25600, `+${n0(shownSum.gzip - 25600)} B`);
    add(
      'a shown prompt in German aim ≤ 23,552 B gzip',
      files,
      shownSum.gzip <= 23552,
      `+${n0(shownSum.gzip - 23552)} B`,
    );
  }
  add(
    'every page view vs PostHog array.js (gzip)',
    times(r.sizes.rows.find((x) => x.id === 'posthog-array')?.gzip / ours) + ' smaller',
    null,
  );
  add('a shown survey vs PostHog array.js + surveys.js (gzip)', times(path / shownSum?.gzip) + ' smaller', null);
  if (!absent(de?.gzip))
    add('locale module (de) ≤ 600 B gzip', `${n0(de.gzip)} B`, de.gzip <= 600, `+${n0(de.gzip - 600)} B`);
  else add('locale module (de) ≤ 600 B gzip', de?.na ?? 'n/a', null);
  // Two readings, both shown: wall time (what the issue asks for; it includes what loading any file
  // costs, see the empty-file rows, and all the machine's noise) and CPU time from a trace.
  const ratio = (a, b) => (Number.isFinite(a / b) && a > 0 ? `1/${(b / a).toFixed(1)}` : 'n/a');
  add(
    'script cost ≤ 1/4 of PostHog surveys.js (aim 1/5): wall time request → ran, median',
    `${ms(ourCost)} vs ${ms(phCost)} = ${ratio(ourCost, phCost)}`,
    Number.isFinite(ourCost / phCost) ? ourCost <= phCost / 4 : null,
    `needs ≤ ${ms(phCost / 4)}`,
  );
  const oc = sc.nps?.cpu,
    pc = sc['posthog-surveys']?.cpu;
  add(
    'script cost ≤ 1/4 of PostHog surveys.js (aim 1/5): CPU time to parse + compile + run (trace), median',
    `${ms(oc)} vs ${ms(pc)} = ${ratio(oc, pc)}`,
    Number.isFinite(oc / pc) ? oc <= pc / 4 : null,
    `needs ≤ ${ms(pc / 4)}`,
  );
  if (show?.na) add('show() → painted median ≤ 50 ms (prompt warmed up)', `n/a: ${show.na}`, null);
  else if (show)
    add(
      'show() → painted median ≤ 50 ms (prompt warmed up)',
      `${ms(show.paint.median)} (p95 ${ms(show.paint.p95)})`,
      show.paint.median <= 50,
      `+${ms(show.paint.median - 50)}`,
    );
  const cold = r.runtime?.coldShow;
  if (cold?.na)
    add('show() → painted median ≤ 100 ms (prompt loaded at show(), from the HTTP cache)', `n/a: ${cold.na}`, null);
  else if (cold)
    add(
      'show() → painted median ≤ 100 ms (prompt loaded at show(), from the HTTP cache)',
      `${ms(cold.paint.median)} (p95 ${ms(cold.paint.p95)}, n = ${cold.paint.n})`,
      cold.paint.median <= 100,
      `+${ms(cold.paint.median - 100)}`,
    );
  if (longTasks) {
    const lt = `${longTasks.total} (load ${longTasks.load}, init ${longTasks.init}, show ${longTasks.show}, answer ${longTasks.answer})`;
    add(
      'zero long tasks (> 50 ms) in load, init, show, answer',
      longTasks.supported ? lt : 'n/a: longtask observer unsupported',
      longTasks.supported ? longTasks.total === 0 : null,
      `worst ${ms(longTasks.worst)}`,
    );
  }
  // Not a budget of DESIGN (version 2): shown for reference, without a verdict.
  if (answer && !answer.na)
    add('store an answer (click → `score` event), median', `${ms(answer.median)} (p95 ${ms(answer.p95)})`, null);
  if (drain?.na || !drain) add('drain 1,000 records ≤ 2 s in ≤ 25 requests', `n/a: ${drain?.na ?? 'not run'}`, null);
  else {
    const big = drain.records >= 1000;
    const full = drain.queuedBefore >= drain.records && drain.pendingAfter === 0 && drain.unique >= drain.queuedBefore;
    const what = `${ms(drain.ms)}, ${drain.requests} requests, for ${n0(drain.unique)} records received${drain.note ? `; ${drain.note}` : ''}`;
    const short = full ? '' : `only ${n0(drain.queuedBefore)} of ${n0(drain.records)} records could be queued`;
    add(
      'drain 1,000 records ≤ 2 s',
      what,
      big ? full && drain.ms <= 2000 : null,
      full ? `+${ms(drain.ms - 2000)}` : short,
    );
    add(
      'drain 1,000 records in ≤ 25 requests',
      `${drain.requests} requests`,
      big ? full && drain.requests <= 25 : null,
      full ? `${drain.requests - 25} too many` : short,
    );
  }
  if (idle?.widget)
    add(
      `idle ${idle.widget.ms / 1000} s, widget initialised: no timers firing`,
      `${idle.widget.timersFired} timers, ${ms(idle.widget.taskMs)} task time (blank page ${ms(idle.blank.taskMs)})`,
      idle.widget.timersFired === 0,
      JSON.stringify(idle.widget.fired),
    );
  return t;
}

/** The markdown report: sizes, script cost, runtime and targets. */
export function markdown(r) {
  const L = [];
  const ours = r.sizes.ours;
  const sc = r.scriptCost?.files ?? {};
  const cols = r.sizes.columns;
  if (cols) {
    const table = (title, list) => {
      L.push(`#### ${title}`, '', '| what is downloaded | gzip | brotli | vs ours |', '|---|---:|---:|---:|');
      for (const [i, x] of list.entries())
        L.push(
          `| ${i ? x.label : `**${x.label}**`} | ${i ? n0(x.gzip) : `**${n0(x.gzip)}**`} | ${n0(x.brotli)} | ${i ? times(x.gzip / list[0].gzip) : '—'} |`,
        );
      L.push('');
    };
    table('Every page view (bytes, gzip -9 and brotli q11, each file compressed as served)', cols.everyPageView);
    table('A shown survey (the same, summed over every file the page loads to show it)', cols.shownSurvey);
  }
  L.push(`#### Download size per file (bytes; gzip -9 and brotli q11 of the file as served)`, '');
  L.push('| file | minified | gzip | brotli | gzip vs ours |', '|---|---:|---:|---:|---:|');
  for (const x of r.sizes.rows) {
    if (x.na) L.push(`| ${x.label} | ${x.na} | | | |`);
    else
      L.push(
        `| ${x.ours ? `**${x.label}**` : x.label} | ${n0(x.raw)} | ${x.ours ? `**${n0(x.gzip)}**` : n0(x.gzip)} | ${n0(x.brotli)} | ${x.ours ? '—' : vs(x.gzip, ours.gzip, x.mine)} |`,
      );
  }
  L.push('');
  if (r.scriptCost) {
    const { warm, rounds, traceRounds } = r.scriptCost;
    L.push(
      `#### Script cost (headless Chromium ${r.env.chromium}; fresh blank 127.0.0.1 page, file requested once the page is idle; HTTP and V8 code caches warmed by ${warm} earlier loads; wall time: median of ${rounds} page loads per file, interleaved; CPU: thread time of ${traceRounds} traced loads)`,
      '',
    );
    L.push(
      '| file | wall: request → ran (median) | p95 | net of an empty file | of which fetch from cache | CPU: main thread + background parse (median of traces) | JS heap added (net) | wall vs ours | CPU vs ours |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const x of r.scriptCost.rows) {
      const s = sc[x.id];
      if (!s) continue;
      L.push(
        `| ${x.ours ? `**${x.label}**` : x.label} | ${ms(s.median)} | ${ms(s.p95)} | ${x.id.startsWith('empty') ? '—' : ms(s.net)} | ${ms(s.fetchMedian)} | ${ms(s.cpu)} (${ms(s.cpuMain)} + ${ms(s.cpuBackground)}) | ${kb(s.heapAdded)} | ${x.ours ? '—' : vs(s.median, sc.nps.median, x.mine)} | ${x.ours ? '—' : x.id.startsWith('empty') ? '' : vs(s.cpu, sc.nps.cpu, x.mine)} |`,
      );
    }
    L.push('');
  } else L.push(`Script cost: n/a (${r.scriptCostNa})`, '');
  const rt = r.runtime;
  if (rt) {
    L.push('#### Our runtime (dist/nps.js in headless Chromium)', '');
    L.push('| measure | result |', '|---|---|');
    if (rt.show.na) L.push(`| show() → painted | n/a: ${rt.show.na} |`);
    else
      L.push(
        `| show() → painted (next animation frame after the [role=dialog] is in the DOM) | median ${ms(rt.show.paint.median)}, p95 ${ms(rt.show.paint.p95)}, max ${ms(rt.show.paint.max)} (n = ${rt.show.paint.n}; in the DOM after median ${ms(rt.show.mount.median)})${rt.show.invisible ? `; ${rt.show.invisible} not visible at that frame` : ''} |`,
      );
    if (rt.coldShow && !rt.coldShow.na)
      L.push(
        `| show() → painted when the prompt loads at show() (from the HTTP cache; a new page each time, show() right after init) | median ${ms(rt.coldShow.paint.median)}, p95 ${ms(rt.coldShow.paint.p95)} (n = ${rt.coldShow.paint.n}) |`,
      );
    L.push(
      `| long tasks > 50 ms (load / init / show / answer) | ${rt.longTasks.load} / ${rt.longTasks.init} / ${rt.longTasks.show} / ${rt.longTasks.answer} |`,
    );
    if (rt.answer.na) L.push(`| store an answer (click → \`score\` event) | n/a: ${rt.answer.na} |`);
    else
      L.push(
        `| store an answer (click a radio → \`score\` event, emitted after the outbox write) | median ${ms(rt.answer.median)}, p95 ${ms(rt.answer.p95)} (n = ${rt.answer.n}) |`,
      );
    if (rt.drain.na) L.push(`| drain queued records | n/a: ${rt.drain.na} |`);
    else
      L.push(
        `| drain ${n0(rt.drain.records)} records queued offline (online → nothing pending) | ${ms(rt.drain.ms)}, ${rt.drain.requests} POSTs, ${n0(rt.drain.unique)} records received, ${kb(rt.drain.bytes)}, ${rt.drain.longTasks} long tasks (making them offline took ${ms(rt.drain.makeMs)}) |`,
      );
    const i = rt.idle;
    L.push(
      `| idle ${i.widget.ms / 1000} s, initialised, nothing queued | ${i.widget.timersFired} timer callbacks, ${ms(i.widget.taskMs)} main-thread task time, ${ms(i.widget.scriptMs)} script (blank page: ${i.blank.timersFired}, ${ms(i.blank.taskMs)}, ${ms(i.blank.scriptMs)}) |`,
    );
    L.push('');
  } else L.push(`Runtime: n/a (${r.runtimeNa})`, '');
  L.push('#### Targets', '', '| target | measured | result |', '|---|---|---|');
  for (const t of r.targets) L.push(`| ${t.target} | ${t.measured} | ${t.result} |`);
  L.push('');
  if (r.notes.length) L.push(...r.notes.map((n) => `- ${n}`), '');
  return L.join('\n');
}

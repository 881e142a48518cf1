// Drain bench: 1,000 records left queued by earlier (offline) pages are delivered by the next page
// load against a local collector. Targets: ≤ 2 s and ≤ 25 requests, on IndexedDB and on the
// localStorage fallback (IndexedDB hidden from the page). Run: npm run bench:drain [-- --runs 5]
// Needs dist/ (npx rollup -c --silent). DRAIN_DEBUG=1 also prints when each batch was confirmed (ms).
import { launchBrowser, median, startServer } from './harness.mjs';
import { distFiles } from './sizes.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const RECORDS = 1000;
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

// A UUIDv7-shaped id per record, in creation order, and a realistic answered record.
const SEED = `
window.seedRecords = (n, at) => {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(at - (n - i) * 60000).toISOString();
    const hex = (at - (n - i) * 60000).toString(16).padStart(12, '0');
    const id = hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-7000-8000-' + String(i).padStart(12, '0');
    out.push({ format: 2, record: { id, status: 'answered', score: i % 11, category: i % 11 > 8 ? 'promoter' : i % 11 > 6 ? 'passive' : 'detractor',
      anonymousId: 'anon-' + (i % 50), locale: 'en', page: location.origin + '/app', shownAt: t, answeredAt: t, updatedAt: t,
      comment: 'Queued while offline, answer number ' + i, sdk: 'nps-widget@bench' } });
  }
  return out;
};`;

const HIDE_IDB = `Object.defineProperty(window, 'indexedDB', { get: () => undefined });`;

// Writes the records where the outbox keeps them: IndexedDB 'nps-widget'/'kv', or localStorage 'nps:'.
const SEED_PAGE = (backend) => `<!doctype html><script>${backend === 'localStorage' ? HIDE_IDB : ''}${SEED}
window.seed = async (n) => {
  const list = seedRecords(n, Date.now());
  if (${JSON.stringify(backend)} == 'localStorage') {
    for (const e of list) localStorage.setItem('nps:record:' + e.record.id, JSON.stringify(e));
    return list.length;
  }
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open('nps-widget');
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const tx = db.transaction('kv', 'readwrite');
  for (const e of list) tx.objectStore('kv').put(e, 'record:' + e.record.id);
  await new Promise((ok, no) => ((tx.oncomplete = ok), (tx.onerror = no)));
  db.close();
  return list.length;
};
</script>`;

// The app page: starts the SDK and notes when the last record is confirmed.
const APP_PAGE = (backend) => `<!doctype html><script>${backend === 'localStorage' ? HIDE_IDB : ''}
window.drain = { start: 0, delivered: 0, done: 0, errors: [] };
</script><script src="/dist/nps.js"></script><script>
drain.start = performance.now();
nps.on('delivered', (e) => { (drain.marks ??= []).push(Math.round(performance.now() - drain.start)); drain.delivered += e.ids.length; if (drain.delivered >= ${RECORDS}) drain.done = performance.now(); });
nps.on('error', (e) => drain.errors.push(e.code));
nps.init({ endpoint: '/api/nps', product: 'Acme' });
</script>`;

async function once(browser, server, backend) {
  const context = await browser.newContext();
  try {
    const seedPage = await context.newPage();
    await seedPage.goto(server.url + '/seed-' + backend + '.html');
    // Offline while queuing: nothing may leave before the next page comes online.
    await context.setOffline(true);
    const queued = await seedPage.evaluate((n) => window.seed(n), RECORDS);
    await seedPage.close();
    await context.setOffline(false);
    server.collector.reset();
    const page = await context.newPage();
    await page.goto(server.url + '/app-' + backend + '.html');
    await page.waitForFunction(() => window.drain.done > 0, null, { timeout: 60_000, polling: 20 });
    const drain = await page.evaluate(() => window.drain);
    await page.close();
    if (process.env.DRAIN_DEBUG) console.log(backend, JSON.stringify(drain.marks));
    return {
      queued,
      ms: drain.done - drain.start,
      requests: server.collector.requests,
      received: server.collector.ids.size,
      errors: drain.errors,
    };
  } finally {
    await context.close();
  }
}

// nps.js loads its delivery code (survey.js) from beside itself when it finds queued records.
const server = await startServer(
  Object.fromEntries(distFiles(ROOT + 'dist').map((f) => ['/dist/' + f.slice((ROOT + 'dist/').length), f])),
);
for (const b of ['indexedDB', 'localStorage']) {
  server.page('/seed-' + b + '.html', SEED_PAGE(b));
  server.page('/app-' + b + '.html', APP_PAGE(b));
}
const browser = await launchBrowser();
const results = {};
try {
  for (const backend of ['indexedDB', 'localStorage']) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once(browser, server, backend));
    const ms = samples.map((s) => s.ms);
    results[backend] = {
      runs,
      medianMs: Math.round(median(ms)),
      maxMs: Math.round(Math.max(...ms)),
      requests: [...new Set(samples.map((s) => s.requests))],
      received: [...new Set(samples.map((s) => s.received))],
      errors: [...new Set(samples.flatMap((s) => s.errors))],
    };
    const r = results[backend];
    const pass = r.maxMs <= 2000 && Math.max(...r.requests) <= 25 && r.received.every((n) => n === RECORDS);
    console.log(
      `${backend.padEnd(12)} ${RECORDS} records: median ${r.medianMs} ms, max ${r.maxMs} ms over ${runs} runs; ` +
        `${r.requests.join('/')} requests; received ${r.received.join('/')}; events ${r.errors.join(', ') || 'none'} → ${pass ? 'PASS' : 'MISS'} (≤ 2000 ms, ≤ 25 requests)`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}

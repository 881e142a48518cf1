// @ts-check
// The read routes `npm run bench:dashboard` times: every GET the dashboard makes, with each filter it
// offers, against a collector on 127.0.0.1.

/** @param {number} ms */
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The routes, named as the report names them.
 * @param {{ end: number }} set the data set (its last day)
 * @returns {{ name: string, path: string, firstPage?: boolean, pageAfter?: string }[]}
 */
export function readRoutes(set) {
  const lastMonth = `from=${day(set.end - 29 * 86_400_000)}&to=${day(set.end)}`;
  const yearAgo = `from=${day(set.end - 340 * 86_400_000)}&to=${day(set.end - 310 * 86_400_000)}`;
  const page = 'status=answered&limit=20';
  return [
    { name: 'stats (all time)', path: '/api/stats' },
    { name: 'stats, last 30 days', path: `/api/stats?${lastMonth}` },
    { name: 'stats, one stage', path: '/api/stats?stage=checkout' },
    { name: 'stats?segment=plan', path: '/api/stats?segment=plan' },
    {
      name: 'stats?segment=country, one stage, 30 days',
      path: `/api/stats?segment=country&stage=checkout&${lastMonth}`,
    },
    { name: 'stats?segment=email (unique values)', path: '/api/stats?segment=email' },
    { name: 'segments', path: '/api/segments' },
    { name: 'responses (newest)', path: '/api/responses?limit=20' },
    { name: 'responses: follow-up queue (open)', path: `/api/responses?${page}&followUp=open` },
    { name: 'responses: queue, page 2', path: `/api/responses?${page}&followUp=open`, pageAfter: 'cursor' },
    { name: 'responses: contacted', path: `/api/responses?${page}&followUp=contacted` },
    { name: 'responses: comments', path: `/api/responses?${page}&hasComment=true` },
    { name: 'responses: comments, last 30 days', path: `/api/responses?${page}&hasComment=true&${lastMonth}` },
    { name: 'responses: detractors', path: '/api/responses?category=detractor&limit=20' },
    { name: 'responses: one stage', path: '/api/responses?stage=checkout&limit=20' },
    { name: 'responses: one user', path: '/api/responses?userId=user-7&limit=20' },
    { name: 'responses: a month a year ago', path: `/api/responses?${page}&${yearAgo}` },
    { name: 'users/:id (history)', path: '/api/users/user-7' },
    { name: 'recovered', path: '/api/recovered' },
    { name: 'alerts?state=failed', path: '/api/alerts?state=failed' },
    { name: 'export.csv (first page)', path: '/api/export.csv', firstPage: true },
  ];
}

/**
 * Reads a CSV export until its first 1,000 records (or its end), then stops.
 * @param {Response} response
 */
async function firstPage(response) {
  const reader = /** @type {ReadableStreamDefaultReader<Uint8Array>} */ (response.body?.getReader());
  let lines = 0;
  while (lines < 1001) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 10) lines++;
  }
  await reader.cancel();
}

/**
 * Times `runs` requests of each route (after one warm-up; 3 when the warm-up took over 5 s), one at
 * a time. A request that takes longer than `limitMs` is given up, and the route reported as over the limit.
 * @param {string} base the collector's origin
 * @param {string} token the dashboard token
 * @param {{ name: string, path: string, firstPage?: boolean, pageAfter?: string }[]} routes
 * @param {{ runs: number, limitMs: number, log: (line: string) => void }} options
 */
export async function timeReads(base, token, routes, { runs, limitMs, log }) {
  const results = [];
  for (const route of routes) {
    let path = route.path;
    if (route.pageAfter) {
      const first = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
      path += `&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;
    }
    /** @type {number[]} */
    const times = [];
    let overLimit = false;
    let status = 0;
    // A route slower than 5 s is timed 3 times, not `runs` times: the bench stays bounded at 10 million.
    let planned = runs;
    for (let run = 0; run <= planned && !overLimit; run++) {
      const started = performance.now();
      try {
        const response = await fetch(base + path, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(limitMs),
        });
        status = response.status;
        if (route.firstPage) await firstPage(response);
        else await response.arrayBuffer();
      } catch {
        overLimit = true;
        continue;
      }
      const took = performance.now() - started;
      if (run > 0) times.push(took);
      else if (took > 5000) planned = Math.min(runs, 3);
    }
    times.sort((a, b) => a - b);
    const at = (/** @type {number} */ p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    const result = overLimit
      ? { name: route.name, path, status, overLimit: true, limitMs }
      : { name: route.name, path, status, runs: times.length, median: at(0.5), p95: at(0.95) };
    log(
      `  ${route.name}: ${overLimit ? `> ${limitMs / 1000} s` : `${result.median?.toFixed(1)} ms median`} (${status})`,
    );
    results.push(result);
  }
  return results;
}

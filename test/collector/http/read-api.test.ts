import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCollector,
  type CollectorOptions,
  type Database,
  type ResponseStore,
} from '../../../src/collector-entry';
import { answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// The read API and the dashboard's routes, through the fetch handler (PGlite).
const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'read-api-token';
const NOW = Date.parse('2026-11-24T00:00:00Z');
let db: Database;
let store: ResponseStore;
let clock = NOW;
const dashboardDir = dashboardFixture();
beforeAll(async () => ({ db, store } = await freshStore()));
afterAll(async () => {
  await db.close();
  removeDashboardFixtures();
});
beforeEach(async () => {
  clock = NOW;
  await db.query('truncate nps_responses, nps_dashboard_sessions cascade');
});

const collector = (over: Partial<CollectorOptions> = {}) =>
  createCollector({ store, dashboardToken: TOKEN, dashboardDir, now: () => clock, log: () => {}, ...over });
const call = (
  handle: ReturnType<typeof createCollector>,
  path: string,
  init: RequestInit = {},
  client = 'c1',
  base = ORIGIN,
) => handle(new Request(base + path, init), { clientAddress: client });
const post = (handle: ReturnType<typeof createCollector>, body: unknown, headers: Record<string, string> = {}) =>
  call(handle, '/api/nps', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const bearer = { authorization: 'Bearer ' + TOKEN };

describe('listings', () => {
  it('pages "newest first" by receive order: 200 spam ids cannot hide a real detractor', async () => {
    const handle = collector();
    const spam = Array.from({ length: 200 }, (_, i) =>
      shown({ id: `ffffffff-ffff-7fff-bfff-${String(i).padStart(12, '0')}` }),
    );
    for (let i = 0; i < spam.length; i += 50) await post(handle, batch(spam.slice(i, i + 50)));
    const real = answered(shown(), 1, { comment: 'real' });
    await post(handle, batch([real]));
    const first = await (await call(handle, '/api/responses?limit=20', { headers: bearer })).json();
    expect(first.responses[0]).toMatchObject({ id: real.id, comment: 'real' });
    // Paging walks every record exactly once.
    const seen = new Set<string>();
    for (let cursor = ''; ; ) {
      const page = await (
        await call(handle, '/api/responses?limit=50' + (cursor && '&cursor=' + cursor), { headers: bearer })
      ).json();
      for (const r of page.responses) seen.add(r.id);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(201);
  });
});

describe('refusals and protocol', () => {
  it('answers HEAD wherever GET is answered, without a body', async () => {
    const handle = collector();
    for (const path of ['/api/stats', '/api/responses', '/api/export.csv', '/login', '/dashboard/dashboard.js']) {
      const get = await call(handle, path, { headers: bearer });
      const head = await call(handle, path, { method: 'HEAD', headers: bearer });
      expect(head.status, path).toBe(get.status);
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
  });

  it('refuses odd filters with 400, never 500', async () => {
    const handle = collector();
    for (const q of [
      'to=9999-12-31',
      'stage=%00',
      'from=2026-02-30',
      'to=2026-13-01',
      'from=2026-11-30&to=2026-11-01',
      'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
    ]) {
      const res = await call(handle, '/api/stats?' + q, { headers: bearer });
      expect(res.status, q).toBe(400);
    }
    expect(
      (await (await call(handle, '/api/stats?from=2026-11-30&to=2026-11-01', { headers: bearer })).json()).error,
    ).toMatch(/from \(2026-11-30\) is later than to \(2026-11-01\)/);
    expect((await call(handle, '/api/stats?from=2026-11-01&to=2026-11-01', { headers: bearer })).status).toBe(200);
  });

  it('refuses a note with NUL with 400', async () => {
    const r = answered(shown(), 2);
    await store.upsert([r]);
    const res = await call(collector(), '/api/responses/' + r.id, {
      method: 'PATCH',
      headers: bearer,
      body: JSON.stringify({ followUp: { status: 'contacted', note: 'a\u0000b' } }),
    });
    expect(res.status).toBe(400);
  });

  it('answers 405 with Allow to methods a route does not take', async () => {
    const res = await call(collector(), '/api/stats', { method: 'DELETE', headers: bearer });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createCollector,
  SECURITY_HEADERS,
  type CollectorOptions,
  type Database,
  type ResponseStore,
} from '../../../src/collector-entry';
import { batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// Every page and API reply carries the security headers, errors included (PGlite).
const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'headers-token';
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

it('sends the security headers on every page and API reply, errors included', async () => {
  const handle = collector();
  const replies = [
    await call(handle, '/login'),
    await call(handle, '/dashboard'),
    await call(handle, '/dashboard/dashboard.css'),
    await call(handle, '/dashboard/nope.txt'),
    await call(handle, '/api/stats', { headers: bearer }),
    await call(handle, '/api/stats'),
    await call(handle, '/api/export.csv', { headers: bearer }),
    await post(handle, batch([shown()])),
    await call(handle, '/api/nps', { method: 'OPTIONS', headers: { origin: ORIGIN } }),
    await call(handle, '/api/nps', { method: 'POST', headers: { origin: 'https://evil.example' } }),
    await call(handle, '/elsewhere'),
  ];
  for (const res of replies) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(res.headers.get(name), `${res.status} ${name}`).toBe(value);
    await res.body?.cancel();
  }
  const csp = SECURITY_HEADERS['content-security-policy'];
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).not.toMatch(/unsafe-inline/);
});

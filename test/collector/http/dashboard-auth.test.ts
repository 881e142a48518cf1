import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCollector,
  type CollectorOptions,
  type Database,
  type ResponseStore,
} from '../../../src/collector-entry';
import { batch, dashboardFixture, freshStore, removeDashboardFixtures, shown, present } from '../fixtures';

// Signing in to the dashboard: tokens, sessions, and the lockout after failed attempts (PGlite).
const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'auth-token';
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
const bearer = { authorization: 'Bearer ' + TOKEN };

describe('authentication', () => {
  it('rate-limits failed authentications per client address on every route', async () => {
    const handle = collector({ authFailureLimit: { limit: 5, windowMs: 60_000 }, writeKey: 'pk_live' });
    const wrong = { authorization: 'Bearer guess' };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await call(handle, '/api/stats', { headers: wrong }, 'attacker')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Locked out: even the right token, a cookie, the login form and the write key get 429 from that address.
    const locked = await call(handle, '/api/responses', { headers: bearer }, 'attacker');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (
        await call(
          handle,
          '/login',
          { method: 'POST', body: 'token=' + TOKEN, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          'attacker',
        )
      ).status,
    ).toBe(429);
    expect(
      (
        await call(
          handle,
          '/api/nps',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-nps-write-key': 'pk_live' },
            body: JSON.stringify(batch([shown()])),
          },
          'attacker',
        )
      ).status,
    ).toBe(429);
    // Other addresses are unaffected; the bucket refills.
    expect((await call(handle, '/api/stats', { headers: bearer }, 'someone-else')).status).toBe(200);
    clock += 60_000;
    expect((await call(handle, '/api/stats', { headers: bearer }, 'attacker')).status).toBe(200);
  });

  it('counts wrong write keys and wrong login tokens as failures too', async () => {
    const handle = collector({ authFailureLimit: { limit: 2, windowMs: 60_000 }, writeKey: 'pk_live' });
    const key = (k: string) =>
      call(
        handle,
        '/api/nps',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-nps-write-key': k },
          body: JSON.stringify(batch([shown()])),
        },
        'x',
      );
    expect([(await key('a')).status, (await key('b')).status, (await key('c')).status]).toEqual([401, 401, 429]);
    const login = () =>
      call(
        handle,
        '/login',
        { method: 'POST', body: 'token=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        'y',
      );
    expect([(await login()).status, (await login()).status, (await login()).status]).toEqual([303, 303, 429]);
  });

  const signIn = async (handle: ReturnType<typeof createCollector>, base = ORIGIN) => {
    const res = await call(
      handle,
      '/login',
      { method: 'POST', body: 'token=' + TOKEN, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'c1',
      base,
    );
    return present(res.headers.get('set-cookie'));
  };

  it('marks the session cookie Secure over https', async () => {
    expect(await signIn(collector(), 'https://nps.example.com')).toMatch(/; Secure/);
    expect(await signIn(collector())).not.toMatch(/Secure/);
  });

  it('expires sessions on the server, whatever the browser keeps', async () => {
    const handle = collector({ sessionTtlMs: 60_000 });
    const cookie = (await signIn(handle)).split(';')[0];
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(200);
    clock += 61_000;
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(401);
    expect((await call(handle, '/dashboard', { headers: { cookie } })).headers.get('location')).toBe('/login');
  });

  it('revokes the session on logout, which needs a same-origin request', async () => {
    const handle = collector();
    const cookie = (await signIn(handle)).split(';')[0];
    const logout = (headers: Record<string, string>) =>
      call(handle, '/logout', { method: 'POST', headers: { cookie, ...headers } });
    expect((await logout({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await logout({})).status).toBe(403);
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(200);
    const out = await logout({ origin: ORIGIN });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    // The old cookie value is dead on the server, not just in this browser.
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(401);
  });

  it('accepts a same-origin request addressed through the Host header', async () => {
    const handle = collector();
    const cookie = (await signIn(handle, 'http://localhost')).split(';')[0];
    const res = await call(
      handle,
      '/logout',
      { method: 'POST', headers: { cookie, origin: 'http://127.0.0.1:5173', host: '127.0.0.1:5173' } },
      'c1',
      'http://localhost',
    );
    expect(res.status).toBe(303);
  });
});

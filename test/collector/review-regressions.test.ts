import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createCollector,
  SECURITY_HEADERS,
  type CollectorOptions,
  type Database,
  type ResponseStore,
} from '../../src/collector-entry';
import { csvCell } from '../../src/collector/http/to-csv';
import { answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from './fixtures';

// Each finding of the adversarial review in issue 12, at the fetch-handler level (PGlite).
const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'review-token';
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
const rejectedOf = async (res: Response) =>
  ((await res.json()) as { rejected: { id: string; error: string }[] }).rejected;
const iso = (ms: number) => new Date(ms).toISOString();

describe('client-chosen times and ids', () => {
  // Refusing these lost every answer of a device whose clock runs fast: they are stored on the server's clock instead (test/collector/http/clock-skew.test.ts).
  it('stores a version dated more than a few minutes past the server clock at the receive time, where a later version still replaces it', async () => {
    const pinned = answered(shown(), 10, { updatedAt: '9999-12-31T00:00:00Z' });
    const skewed = answered(shown(), 9, { updatedAt: iso(NOW + 4 * 60_000) });
    const good = shown();
    expect(await rejectedOf(await post(collector(), batch([pinned, skewed, good])))).toEqual([]);
    expect(await store.get(pinned.id)).toMatchObject({ updatedAt: iso(NOW) });
    expect(await store.get(skewed.id)).toMatchObject({ updatedAt: iso(NOW + 4 * 60_000) });
    clock = NOW + 60_000;
    await post(collector(), batch([{ ...pinned, comment: 'Later', updatedAt: iso(clock) }]));
    expect(await store.get(pinned.id)).toMatchObject({ comment: 'Later', updatedAt: iso(clock) });
  });

  it('clamps shownAt or answeredAt more than a few minutes past the server clock to the receive time; within a few minutes they stay', async () => {
    const futureAnswer = answered(shown({ shownAt: iso(NOW - 60_000) }), 2, {
      answeredAt: iso(NOW + 60 * 60_000),
      updatedAt: iso(NOW),
    });
    const futureShown = shown({ shownAt: '2027-06-01T00:00:00Z', updatedAt: iso(NOW) });
    const withinSkew = answered(shown({ shownAt: iso(NOW + 2 * 60_000) }), 9, {
      answeredAt: iso(NOW + 4 * 60_000),
      updatedAt: iso(NOW + 4 * 60_000),
    });
    expect(await rejectedOf(await post(collector(), batch([futureAnswer, futureShown, withinSkew])))).toEqual([]);
    expect(await store.get(futureAnswer.id)).toMatchObject({ shownAt: iso(NOW - 60_000), answeredAt: iso(NOW) });
    expect(await store.get(futureShown.id)).toMatchObject({ shownAt: iso(NOW) });
    expect(await store.get(withinSkew.id)).toMatchObject({
      shownAt: iso(NOW + 2 * 60_000),
      answeredAt: iso(NOW + 4 * 60_000),
    });
  });

  it('refuses by itself a record whose offset makes it year 10000 in UTC; the rest of the batch is stored', async () => {
    const good = Array.from({ length: 10 }, () => shown());
    const far = shown({ shownAt: '9999-12-31T23:59:59-00:01', updatedAt: '9999-12-31T23:59:59-00:01' });
    const res = await post(collector(), batch([...good.slice(0, 5), far, ...good.slice(5)]));
    expect(res.status).toBe(200);
    expect((await rejectedOf(res)).map((r) => r.id)).toEqual([far.id]);
    expect(await store.count()).toBe(10);
  });

  it('refuses a later version that carries another anonymousId', async () => {
    const first = shown({ anonymousId: 'anon-owner' });
    await post(collector(), batch([first]));
    const takeover = answered({ ...first, anonymousId: 'anon-other' }, 0);
    expect(await rejectedOf(await post(collector(), batch([takeover])))).toEqual([
      { id: first.id, error: expect.stringMatching(/anonymousId/) },
    ]);
    expect((await store.list())[0]).toMatchObject({ status: 'shown', anonymousId: 'anon-owner' });
  });
});

describe('readable refusals and protocol', () => {
  it('names the rule a record broke', async () => {
    const badStatus = { ...shown(), status: 'clicked' };
    const score11 = { ...answered(shown(), 10), score: 11 };
    const noCategory = { ...answered(shown(), 3), category: undefined };
    const rejected = await rejectedOf(await post(collector(), batch([badStatus, score11, noCategory])));
    expect(rejected.map((r) => r.error)).toEqual([
      'status must be one of "shown", "answered", "dismissed", got "clicked"',
      'score must be an integer from 0 to 10, got 11',
      'category is required when status is "answered"',
    ]);
  });

  it('requires Content-Type: application/json on POST /api/nps', async () => {
    const body = JSON.stringify(batch([shown()]));
    const plain = await call(collector(), '/api/nps', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(plain.status).toBe(415);
    expect((await plain.json()).error).toMatch(/Content-Type must be application\/json/);
    const charset = await call(collector(), '/api/nps', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    });
    expect(charset.status).toBe(200);
  });

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
    return res.headers.get('set-cookie')!;
  };

  it('marks the session cookie Secure over https', async () => {
    expect(await signIn(collector(), 'https://nps.example.com')).toMatch(/; Secure/);
    expect(await signIn(collector())).not.toMatch(/Secure/);
  });

  it('expires sessions on the server, whatever the browser keeps', async () => {
    const handle = collector({ sessionTtlMs: 60_000 });
    const cookie = (await signIn(handle)).split(';')[0]!;
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(200);
    clock += 61_000;
    expect((await call(handle, '/api/stats', { headers: { cookie } })).status).toBe(401);
    expect((await call(handle, '/dashboard', { headers: { cookie } })).headers.get('location')).toBe('/login');
  });

  it('revokes the session on logout, which needs a same-origin request', async () => {
    const handle = collector();
    const cookie = (await signIn(handle)).split(';')[0]!;
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
    const cookie = (await signIn(handle, 'http://localhost')).split(';')[0]!;
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

describe('listings, stages, CSV and headers', () => {
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

  it('quotes and neutralises a formula after ";" in CSV cells', () => {
    expect(csvCell('fine; =HYPERLINK("http://evil")')).toBe(`"fine; '=HYPERLINK(""http://evil"")"`);
    expect(csvCell('a;+1;@x;-2')).toBe(`"a;'+1;'@x;'-2"`);
    expect(csvCell('a;b')).toBe('"a;b"');
  });

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
    const csp = SECURITY_HEADERS['content-security-policy']!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type Database } from '../../../src/collector-entry';
import { csvCell } from '../../../src/collector/http/to-csv';
import {
  answered,
  DATABASES,
  dashboardFixture,
  freshStore,
  removeDashboardFixtures,
  shown,
  present,
} from '../fixtures';

const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'a-long-dashboard-token';
const detractor = answered(shown({ stage: 'checkout', userId: 'u-7' }), 2, {
  comment: '=HYPERLINK("http://evil","click") <script>alert(1)</script>',
});
const promoter = answered(shown({ stage: 'onboarded' }), 10, { comment: '@SUM(A1:A2), "quoted"\nsecond line' });

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('read API and dashboard on ' + name, () => {
    let db: Database;
    let handle: ReturnType<typeof createCollector>;
    beforeAll(async () => {
      const fresh = await freshStore(url);
      db = fresh.db;
      // Generous failure budget: this file tries many wrong credentials from one address on purpose.
      handle = createCollector({
        store: fresh.store,
        dashboardToken: TOKEN,
        log: () => {},
        dashboardDir: dashboardFixture(),
        authFailureLimit: { limit: 1000, windowMs: 60_000 },
      });
      await fresh.store.upsert([shown({ stage: 'checkout' })]);
      await fresh.store.upsert([detractor]);
      await fresh.store.upsert([promoter]);
    });
    afterAll(async () => {
      await db.close();
      removeDashboardFixtures();
    });

    const get = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
      handle(new Request(ORIGIN + path, { method, headers, body }));
    const bearer = { authorization: 'Bearer ' + TOKEN };

    it('answers 401 without the token, or with a wrong one', async () => {
      for (const path of ['/api/stats', '/api/responses', '/api/export.csv']) {
        for (const headers of <Record<string, string>[]>[
          {},
          { authorization: 'Bearer wrong' },
          { authorization: 'Basic ' + btoa('x:' + TOKEN) },
          { cookie: 'nps_dashboard=forged' },
        ]) {
          const res = await get(path, headers);
          expect(res.status, path).toBe(401);
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
      }
      expect(
        (await get('/api/responses/' + detractor.id, {}, 'PATCH', '{"followUp":{"status":"contacted"}}')).status,
      ).toBe(401);
      const page = await get('/dashboard');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/login');
    });

    it('answers /api/stats in the api-types shape', async () => {
      const res = await get('/api/stats', bearer);
      expect(res.status).toBe(200);
      const s = await res.json();
      const keys = [
        'nps',
        'marginOfError',
        'total',
        'promoters',
        'passives',
        'detractors',
        'shown',
        'responseRate',
        'tooFew',
      ];
      expect(Object.keys(s).sort()).toEqual([...keys, 'byStage', 'stages', 'byWeek', 'change', 'followUp'].sort());
      expect(s.stages).toEqual(Object.keys(s.byStage));
      expect(s).toMatchObject({
        nps: 0,
        total: 2,
        promoters: 1,
        detractors: 1,
        passives: 0,
        shown: 3,
        responseRate: 0.6667,
        tooFew: true,
      });
      expect(Object.keys(s.byStage.checkout).sort()).toEqual([...keys].sort());
      expect(s.byStage.checkout).toMatchObject({ nps: -100, shown: 2, responseRate: 0.5 });
      expect(s.byWeek).toEqual([
        {
          week: '2026-W48',
          nps: 0,
          marginOfError: s.marginOfError,
          total: 2,
          promoters: 1,
          passives: 0,
          detractors: 1,
          shown: 3,
          responseRate: 0.6667,
          tooFew: true,
        },
      ]);
      expect(await (await get('/api/stats?stage=onboarded', bearer)).json()).toMatchObject({ nps: 100, total: 1 });
    });

    it('names a bad filter with 400', async () => {
      const res = await get('/api/stats?from=yesterday', bearer);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(
        /^from must be a real day \(YYYY-MM-DD\) or an ISO date-time with an offset, from 1970 to 9999, got "yesterday"/,
      );
      expect((await get('/api/stats?to=2026-11-23T10:00', bearer)).status).toBe(400);
      expect((await get('/api/stats?from=2026-11-23T10:00:00%2B02:00&to=2026-11-30', bearer)).status).toBe(200);
      expect((await get('/api/responses?category=angry', bearer)).status).toBe(400);
      expect((await get('/api/responses?limit=-1', bearer)).status).toBe(400);
      expect((await get('/api/responses?cursor=not-ours', bearer)).status).toBe(400);
    });

    it('lists responses as JSON, newest received first, user text untouched, paged by an opaque cursor', async () => {
      const res = await get('/api/responses?category=detractor', bearer);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const { responses, nextCursor } = await res.json();
      expect(responses).toMatchObject([
        { id: detractor.id, comment: detractor.comment, userId: 'u-7', followUp: { status: 'open' } },
      ]);
      expect(responses[0]).not.toHaveProperty('sequence');
      expect(nextCursor).toBeNull();
      const page1 = await (await get('/api/responses?limit=2', bearer)).json();
      expect(page1.responses.map((r: { id: string }) => r.id)).toEqual([promoter.id, detractor.id]);
      const page2 = await (await get('/api/responses?limit=2&cursor=' + page1.nextCursor, bearer)).json();
      expect(page2.responses).toHaveLength(1);
      expect(page2.responses[0].status).toBe('shown');
    });

    it('filters on hasComment both ways', async () => {
      const ids = async (q: string) =>
        (await (await get('/api/responses' + q, bearer)).json()).responses.map((r: { id: string }) => r.id).sort();
      expect(await ids('?hasComment=true')).toEqual([detractor.id, promoter.id].sort());
      expect(await ids('?hasComment=false')).toHaveLength(1);
      expect(await ids('?hasComment=false')).not.toContain(detractor.id);
    });

    it('exports CSV with formula-like cells neutralised and quoting intact', async () => {
      const res = await get('/api/export.csv', bearer);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/attachment/);
      const text = await res.text();
      expect(text).toContain(`"'=HYPERLINK(""http://evil"",""click"") <script>alert(1)</script>"`);
      expect(text).toContain(`"'@SUM(A1:A2), ""quoted""\nsecond line"`);
      expect(text).not.toMatch(/(^|,)[=@+-]/m);
      expect(text.trim().split('\r\n')).toHaveLength(4);
      for (const [v, want] of [
        ['+1', "'+1"],
        ['-2+3', "'-2+3"],
        ['\t=1', "'\t=1"],
        ['plain', 'plain'],
        [5, '5'],
        [null, ''],
      ] as const)
        expect(csvCell(v)).toBe(want);
    });

    it('answers GET and HEAD /api/responses/:id with the stored response (what an alert links to), 404 for unknown or invalid ids', async () => {
      expect((await get('/api/responses/' + detractor.id)).status).toBe(401);
      const res = await get('/api/responses/' + detractor.id, bearer);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: detractor.id,
        score: 2,
        stage: 'checkout',
        userId: 'u-7',
        comment: detractor.comment,
        followUp: { status: expect.any(String) },
      });
      const head = await get('/api/responses/' + detractor.id, bearer, 'HEAD');
      expect(head.status).toBe(200);
      expect((await get('/api/responses/not-an-id', bearer)).status).toBe(404);
      expect((await get('/api/responses/01890a5d-ac96-774b-bcce-b302099a8057', bearer)).status).toBe(404);
      const put = await get('/api/responses/' + detractor.id, bearer, 'PUT', '{}');
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, HEAD, PATCH');
    });

    it('records follow-up with a note, and validates it', async () => {
      const res = await get(
        '/api/responses/' + detractor.id,
        { ...bearer, 'content-type': 'application/json' },
        'PATCH',
        JSON.stringify({ followUp: { status: 'contacted', note: 'Emailed <b>them</b>' } }),
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: detractor.id,
        followUp: {
          status: 'contacted',
          note: 'Emailed <b>them</b>',
          history: [{ status: 'contacted', by: 'dashboard' }],
        },
      });
      const bad = await get('/api/responses/' + detractor.id, bearer, 'PATCH', '{"followedUp":true}');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'followUp must be an object { status, owner?, note? }' });
      const contacted = '{"followUp":{"status":"contacted"}}';
      expect((await get('/api/responses/not-an-id', bearer, 'PATCH', contacted)).status).toBe(404);
      expect(
        (await get('/api/responses/01890a5d-ac96-774b-bcce-b302099a8057', bearer, 'PATCH', contacted)).status,
      ).toBe(404);
    });

    it('logs in with the token into an HttpOnly SameSite cookie; cookie writes need our origin', async () => {
      const wrong = await get('/login', { 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'token=nope');
      expect(wrong.headers.get('location')).toBe('/login?failed=1');
      expect(wrong.headers.get('set-cookie')).toBeNull();
      const ok = await get(
        '/login',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'POST',
        'token=' + encodeURIComponent(TOKEN),
      );
      expect(ok.status).toBe(303);
      const setCookie = present(ok.headers.get('set-cookie'));
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).not.toMatch(/Secure/); // plain http here
      expect(setCookie).not.toContain(TOKEN);
      const cookie = setCookie.split(';')[0];
      const page = await get('/dashboard', { cookie });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<title>NPS dashboard</title>');
      expect((await get('/api/stats', { cookie })).status).toBe(200);
      const patch = (origin: string) =>
        get('/api/responses/' + promoter.id, { cookie, origin }, 'PATCH', '{"followUp":{"status":"resolved"}}');
      expect((await patch('https://evil.example')).status).toBe(403);
      expect((await patch(ORIGIN)).status).toBe(200);
    });

    it('keeps the dashboard URL through signing in, and refuses to redirect anywhere else', async () => {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const shared = '/dashboard?stage=checkout&response=' + detractor.id;
      const signedOut = await get(shared);
      expect(signedOut.status).toBe(303);
      const toLogin = present(signedOut.headers.get('location'));
      expect(new URL(toLogin, ORIGIN).pathname).toBe('/login');
      expect(new URL(toLogin, ORIGIN).searchParams.get('next')).toBe(shared);
      const next = (value: string) => 'next=' + encodeURIComponent(value);
      const signIn = (body: string) => get('/login', form, 'POST', body);
      const ok = await signIn('token=' + encodeURIComponent(TOKEN) + '&' + next(shared));
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe(shared);
      expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/);
      // A wrong token goes back to the form, still carrying where to go.
      const wrong = await signIn('token=nope&' + next(shared));
      expect(new URL(present(wrong.headers.get('location')), ORIGIN).searchParams.get('next')).toBe(shared);
      expect(new URL(present(wrong.headers.get('location')), ORIGIN).searchParams.get('failed')).toBe('1');
      for (const evil of [
        '//evil.example',
        '//evil.example/dashboard',
        'https://evil.example/dashboard',
        '/dashboard.evil.example',
        '/\\evil.example',
        '/dashboard/../x',
        'javascript:alert(1)',
        '/login',
      ])
        expect(
          (await signIn('token=' + encodeURIComponent(TOKEN) + '&' + next(evil))).headers.get('location'),
          evil,
        ).toBe('/dashboard');
      expect((await signIn('token=' + encodeURIComponent(TOKEN))).headers.get('location')).toBe('/dashboard');
    });

    it('serves the dashboard files by an allowlist of extensions, with their content types', async () => {
      const types: Record<string, RegExp> = {
        'dashboard.js': /^text\/javascript/,
        'dashboard.css': /^text\/css/,
        'favicon.svg': /^image\/svg\+xml$/,
        'chart.png': /^image\/png$/,
        'dashboard.js.map': /^application\/json/,
      };
      for (const [file, type] of Object.entries(types)) {
        const res = await get('/dashboard/' + file);
        expect(res.status, file).toBe(200);
        expect(res.headers.get('content-type'), file).toMatch(type);
      }
      const login = await get('/login');
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('<title>Sign in</title>');
      for (const path of [
        '/dashboard/secret.txt',
        '/dashboard/index.html',
        '/dashboard/missing.js',
        '/dashboard/..%2fsecret.txt',
        '/dashboard/.hidden.js',
        '/dashboard/constructor',
        '/dashboard/__proto__',
      ])
        expect((await get(path)).status, path).toBe(404);
    });
  });

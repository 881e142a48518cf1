import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type CollectorOptions, type Database } from '../../../src/collector-entry';
import { answered, batch, DATABASES, freshStore, shown, present } from '../fixtures';

const ORIGIN = 'http://127.0.0.1:5173';
for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('collector on ' + name, () => {
    let db: Database;
    let store: CollectorOptions['store'];
    beforeAll(async () => ({ db, store } = await freshStore(url)));
    afterAll(() => db.close());
    beforeEach(() => db.query('truncate nps_responses cascade'));

    const NOW = Date.parse('2026-11-24T00:00:00Z');
    let clock = NOW;
    const collector = (over: Partial<CollectorOptions> = {}) =>
      createCollector({ store, dashboardToken: 'dash-token', now: () => clock, log: () => {}, ...over });
    const post = (
      handle: ReturnType<typeof createCollector>,
      body: unknown,
      headers: Record<string, string> = {},
      client = 'c1',
    ) =>
      handle(
        new Request(ORIGIN + '/api/nps', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
        { clientAddress: client },
      );
    const rejectedOf = async (res: Response) =>
      ((await res.json()) as { rejected: { id: string; error: string }[] }).rejected;
    const rows = async () =>
      (await db.query('select id, status, score, comment, writes from nps_responses order by id')).rows;

    describe('POST /api/nps', () => {
      it('stores a valid batch and answers an empty rejected list', async () => {
        const a = shown();
        const b = answered(shown({ stage: 'checkout', userId: 'u1', traits: { plan: 'pro' } }), 9, {
          comment: 'Great',
        });
        const res = await post(collector(), batch([a, b]));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ rejected: [] });
        const stored = await store.list();
        expect(stored.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
        const got = present(stored.find((r) => r.id === b.id));
        expect(got).toMatchObject({
          status: 'answered',
          score: 9,
          category: 'promoter',
          comment: 'Great',
          userId: 'u1',
          stage: 'checkout',
          traits: { plan: 'pro' },
          shownAt: b.shownAt,
          updatedAt: b.updatedAt,
        });
      });

      it('rejects invalid records one by one and stores the valid ones', async () => {
        const good = shown();
        const wrongCategory = { ...answered(shown(), 3), category: 'promoter' };
        const noAnon = { ...shown(), anonymousId: undefined };
        const queryInPage = shown({ page: 'http://x/app?token=1' });
        const nul = answered(shown(), 2, { comment: 'a\u0000b' });
        const res = await post(collector(), batch([good, wrongCategory, noAnon, queryInPage, 'nonsense', nul]));
        expect(res.status).toBe(200);
        const { rejected } = (await res.json()) as { rejected: { id: string; error: string }[] };
        expect(rejected.map((r) => r.id)).toEqual([wrongCategory.id, noAnon.id, queryInPage.id, '#4', nul.id]);
        expect(rejected[0].error).toMatch(/category/);
        expect(rejected[1].error).toMatch(/anonymousId/);
        expect(rejected[2].error).toMatch(/page/);
        expect((await rows()).map((r) => r.id)).toEqual([good.id]);
      });

      it('refuses per record what PostgreSQL could not store (offsets beyond ±15:59, deep nesting), never failing the batch', async () => {
        const good = shown();
        const farOffset = shown({ shownAt: '2026-11-20T10:00:00+20:00' });
        const deep = { ...shown(), traits: 'DEEP' };
        // Written by hand: JSON.stringify itself would overflow on 5,000 levels.
        const body = JSON.stringify(batch([good, farOffset, deep])).replace(
          '"DEEP"',
          '['.repeat(5000) + ']'.repeat(5000),
        );
        const res = await post(collector(), body);
        expect(res.status).toBe(200);
        const { rejected } = (await res.json()) as { rejected: { id: string }[] };
        expect(rejected.map((r) => r.id)).toEqual([farOffset.id, deep.id]);
        expect((await rows()).map((r) => r.id)).toEqual([good.id]);
      });

      it('answers 400 naming the problem when the envelope is wrong', async () => {
        for (const [body, msg] of [
          ['{not json', /not JSON/],
          [{ v: 2, sentAt: '2026-11-23T10:00:00Z', responses: [shown()] }, /v/],
          [{ v: 1, sentAt: '2026-11-23T10:00:00Z', responses: [] }, /responses/],
        ] as const) {
          const res = await post(collector(), body);
          expect(res.status).toBe(400);
          expect((await res.json()).error).toMatch(msg);
        }
        expect(await rows()).toEqual([]);
      });

      it('keeps the newest version whatever order versions arrive in', async () => {
        const first = shown();
        const scored = answered(first, 6);
        const commented = {
          ...scored,
          comment: 'Too slow',
          updatedAt: new Date(Date.parse(scored.updatedAt) + 1000).toISOString(),
        };
        const handle = collector();
        for (const r of [commented, first, scored]) expect((await post(handle, batch([r]))).status).toBe(200);
        expect(await rows()).toMatchObject([
          { id: first.id, status: 'answered', score: 6, comment: 'Too slow', writes: 1 },
        ]);
        // All versions in one batch, shuffled: same result.
        await db.query('truncate nps_responses cascade');
        await post(handle, batch([scored, commented, first]));
        expect(await rows()).toMatchObject([{ status: 'answered', comment: 'Too slow' }]);
      });

      it('never downgrades answered to dismissed, even when the dismissal is newer', async () => {
        const r = shown();
        const a = answered(r, 10);
        const dismissed = {
          ...r,
          status: 'dismissed' as const,
          updatedAt: new Date(Date.parse(a.updatedAt) + 5000).toISOString(),
        };
        const handle = collector();
        await post(handle, batch([a]));
        expect((await post(handle, batch([dismissed]))).status).toBe(200);
        expect(await rows()).toMatchObject([{ status: 'answered', score: 10 }]);
        // The other order: a stored dismissal is replaced by the (older) answer.
        await db.query('truncate nps_responses cascade');
        await post(handle, batch([dismissed]));
        await post(handle, batch([a]));
        expect(await rows()).toMatchObject([{ status: 'answered', score: 10 }]);
      });

      it('is idempotent under resends, also concurrent ones', async () => {
        const records = Array.from({ length: 30 }, (_, i) => answered(shown(), i % 11));
        const handle = collector({ rateLimit: { limit: 1000, windowMs: 1000 } });
        const replies = await Promise.all(Array.from({ length: 8 }, () => post(handle, batch(records))));
        expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
        const stored = await rows();
        expect(stored).toHaveLength(30);
        expect(stored.every((r) => r.writes === 1)).toBe(true);
      });

      it('refuses a body over the limit with 413 and stores nothing', async () => {
        const big = answered(shown(), 1, { comment: 'x'.repeat(5000) });
        const res = await post(collector({ maxBodyBytes: 4096 }), batch([big]));
        expect(res.status).toBe(413);
        expect(await rows()).toEqual([]);
      });

      it('allows its own origin and ALLOWED_ORIGINS, with preflight; refuses others', async () => {
        const handle = collector({ allowedOrigins: ['https://app.example.com'] });
        const pre = (origin: string) =>
          handle(
            new Request(ORIGIN + '/api/nps', {
              method: 'OPTIONS',
              headers: {
                origin,
                'access-control-request-method': 'POST',
                'access-control-request-headers': 'content-type',
              },
            }),
          );
        const ok = await pre('https://app.example.com');
        expect(ok.status).toBe(204);
        expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
        expect(ok.headers.get('access-control-allow-headers')).toMatch(/X-NPS-Write-Key/i);
        expect((await pre('https://evil.example')).status).toBe(403);

        const cross = await post(handle, batch([shown()]), { origin: 'https://app.example.com' });
        expect(cross.status).toBe(200);
        expect(cross.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
        const evil = await post(handle, batch([shown()]), { origin: 'https://evil.example' });
        expect(evil.status).toBe(403);
        expect(evil.headers.get('access-control-allow-origin')).toBeNull();
        expect((await post(handle, batch([shown()]), { origin: 'null' })).status).toBe(403);
        expect(await rows()).toHaveLength(1);
      });

      it('requires X-NPS-Write-Key when a write key is set', async () => {
        const handle = collector({ writeKey: 'pk_demo' });
        expect((await post(handle, batch([shown()]))).status).toBe(401);
        expect((await post(handle, batch([shown()]), { 'x-nps-write-key': 'pk_wrong' })).status).toBe(401);
        expect(await rows()).toEqual([]);
        expect((await post(handle, batch([shown()]), { 'x-nps-write-key': 'pk_demo' })).status).toBe(200);
        expect(await rows()).toHaveLength(1);
      });

      it('rate-limits each client with 429 and Retry-After, and lets it in again later', async () => {
        clock = NOW;
        const handle = collector({ rateLimit: { limit: 3, windowMs: 60_000 } });
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await post(handle, batch([shown()]))).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const limited = await post(handle, batch([shown()]));
        expect(Number(limited.headers.get('retry-after'))).toBe(20);
        expect((await post(handle, batch([shown()]), {}, 'another-client')).status).toBe(200);
        clock += 20_000;
        expect((await post(handle, batch([shown()]))).status).toBe(200);
        expect(await rows()).toHaveLength(5);
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
        const send = (contentType: string) =>
          collector()(
            new Request(ORIGIN + '/api/nps', { method: 'POST', headers: { 'content-type': contentType }, body }),
            { clientAddress: 'c1' },
          );
        const plain = await send('text/plain');
        expect(plain.status).toBe(415);
        expect((await plain.json()).error).toMatch(/Content-Type must be application\/json/);
        const charset = await send('application/json; charset=utf-8');
        expect(charset.status).toBe(200);
      });

      it('answers 405 to other methods', async () => {
        const res = await collector()(new Request(ORIGIN + '/api/nps', { method: 'GET', headers: { origin: ORIGIN } }));
        expect(res.status).toBe(405);
      });
    });
  });

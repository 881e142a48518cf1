import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, verifyWebhook, type Database } from '../../../src/collector-entry';
import type { AlertsReply, ResponsesReply, StatsReply, StoredResponse } from '../../../src/core/api-types';
import type { ResponseRecord } from '../../../src/core/wire';
import { startReceiver, type Receiver } from '../../helpers/alerts-receiver';
import {
  answered,
  batch,
  DATABASES,
  dashboardFixture,
  freshStore,
  removeDashboardFixtures,
  shown,
  present,
} from '../fixtures';

const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'a-long-dashboard-token';
const SECRET = 'a-webhook-secret-of-some-length';
const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;

// The story: erin answered as a detractor (5) on her device before she signed in, again (2) ten days
// ago, and as a promoter now (recovered); finn is a detractor now; gail a passive; hal a promoter
// without traits; one impression without an answer.
const erinBefore = answered(shown({ anonymousId: 'anon-erin' }, T0 - 12 * DAY), 5);
const erinThen = answered(
  shown({ anonymousId: 'anon-erin', userId: 'erin', traits: { plan: 'pro' } }, T0 - 10 * DAY),
  2,
  { comment: 'Slow exports' },
);
const erinNow = answered(shown({ anonymousId: 'anon-erin', userId: 'erin', traits: { plan: 'pro' } }, T0), 9);
const finn = answered(
  shown({ anonymousId: 'anon-finn', userId: 'finn', traits: { plan: 'free' }, stage: 'checkout' }, T0),
  3,
  { comment: 'Card refused' },
);
const gail = answered(shown({ anonymousId: 'anon-gail', userId: 'gail', traits: { plan: 'pro' } }, T0), 7);
const hal = answered(shown({ anonymousId: 'anon-hal', userId: 'hal' }, T0), 10);
const unanswered = shown({ anonymousId: 'anon-ivy' }, T0);
const RECEIVE_ORDER: ResponseRecord[] = [erinBefore, erinThen, finn, gail, hal, erinNow, unanswered];

for (const { name, url, skip } of DATABASES)
  describe.skipIf(skip)('close-the-loop API on ' + name, () => {
    let db: Database;
    let receiver: Receiver;
    let handle: ReturnType<typeof createCollector>;
    const call = (path: string, init: RequestInit = {}) =>
      handle(new Request(ORIGIN + path, { ...init, headers: { ...bearer, ...init.headers } }));
    const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
      const res = await call(path, init);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    const bearer = { authorization: 'Bearer ' + TOKEN };
    const post = (records: ResponseRecord[]) =>
      handle(
        new Request(ORIGIN + '/api/nps', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(batch(records)),
        }),
      );
    const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
      call('/api/responses/' + id, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      const fresh = await freshStore(url);
      db = fresh.db;
      receiver = await startReceiver();
      handle = createCollector({
        store: fresh.store,
        dashboardToken: TOKEN,
        log: () => {},
        dashboardDir: dashboardFixture(),
        // Sent at once: erin's first answer has no comment to wait for.
        webhooks: [{ url: receiver.url, secret: SECRET, on: 'detractor', commentWaitSeconds: 0 }],
        dashboardUrl: 'https://nps.example.com',
        segmentKeys: ['plan'],
      });
      for (const record of RECEIVE_ORDER) expect((await post([record])).status).toBe(200);
    });
    afterAll(async () => {
      await handle.close();
      await receiver.close();
      await db.close();
      removeDashboardFixtures();
    });

    it('delivers one signed alert per detractor answer to the webhook, however often the batch is resent', async () => {
      for (let i = 0; i < 3; i++) expect((await post([erinBefore, erinThen, finn])).status).toBe(200);
      await receiver.received(3);
      const detractors = [erinBefore.id, erinThen.id, finn.id].sort();
      const alerts = await json<AlertsReply>('/api/alerts');
      expect(alerts.alerts.map((a) => a.responseId).sort()).toEqual(detractors);
      const bodies = receiver.requests.map((r) => {
        expect(verifyWebhook(SECRET, r.headers, r.body)).toBe(true);
        return JSON.parse(r.body) as { event: string; response: { id: string; score: number }; link: string };
      });
      expect(bodies.map((b) => b.response.id).sort()).toEqual(detractors);
      expect(bodies.find((b) => b.response.id === finn.id)).toMatchObject({
        event: 'detractor',
        response: { score: 3 },
        link: `https://nps.example.com/dashboard?response=${finn.id}`,
      });
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(3);
      let delivered = await json<AlertsReply>('/api/alerts?state=delivered');
      for (let i = 0; i < 50 && delivered.counts.delivered < 3; i++) {
        await new Promise((r) => setTimeout(r, 20));
        delivered = await json<AlertsReply>('/api/alerts?state=delivered');
      }
      expect(delivered.counts).toEqual({ pending: 0, delivered: 3, digested: 0, suppressed: 0, failed: 0 });
      expect((await json<AlertsReply>('/api/alerts?state=failed')).alerts).toEqual([]);
      const bad = await call('/api/alerts?state=lost');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: 'state must be one of pending, delivered, digested, suppressed, failed, got "lost"',
      });
    });

    it('adds bySegment for a trait key, and refuses a malformed key', async () => {
      const stats = await json<StatsReply>('/api/stats?from=2026-11-20&to=2026-11-26&segment=plan');
      expect(Object.keys(present(stats.bySegment))).toEqual(['(none)', 'free', 'pro']);
      expect(present(stats.bySegment).pro).toMatchObject({
        promoters: 1,
        passives: 1,
        detractors: 0,
        total: 2,
        shown: 2,
        nps: 50,
        responseRate: 1,
      });
      expect(present(stats.bySegment).free).toMatchObject({ detractors: 1, total: 1, nps: -100 });
      expect(present(stats.bySegment)['(none)']).toMatchObject({ promoters: 1, total: 1, shown: 2, responseRate: 0.5 });
      expect((await json<StatsReply>('/api/stats')).bySegment).toBeUndefined();
      const bad = await call('/api/stats?segment=' + encodeURIComponent('plan; drop'));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/^segment must be a trait key/);
    });

    it('compares the range with the one of equal length before it', async () => {
      const { change } = await json<StatsReply>('/api/stats?from=2026-11-20&to=2026-11-26');
      // This range (Nov 20–26): erin 9, finn 3, gail 7, hal 10 → 2 promoters, 1 passive, 1 detractor: NPS 25.
      // The 7 days before (Nov 13–19): erin's 2 → NPS −100; erin's 5 from Nov 11 is outside both.
      // Margin (adjusted Wald): now ñ = 7, p̃ = 2.75/7, d̃ = 1.75/7, s² = .642857 − .142857² = .622449, /7 = .088921;
      // before ñ = 4, p̃ = .1875, d̃ = .4375, s² = .625 − .25² = .5625, /4 = .140625;
      // 1.96 × √(.088921 + .140625) × 100 = 1.96 × .47911 × 100 = 93.9; 125 > 93.9: significant, but
      // on 4 and 1 answers: too few to call it real.
      expect(change).toEqual({
        nps: 25,
        previousNps: -100,
        delta: 125,
        marginOfError: 93.9,
        significant: true,
        from: '2026-11-20T00:00:00.000Z',
        to: '2026-11-27T00:00:00.000Z',
        previousFrom: '2026-11-13T00:00:00.000Z',
        previousTo: '2026-11-20T00:00:00.000Z',
        total: 4,
        previousTotal: 1,
        tooFew: true,
      });
      // Without from and to: the 30 days up to now against the 30 days before them, named by from and to.
      const open = await json<StatsReply>('/api/stats');
      expect(Date.parse(present(open.change).previousTo) - Date.parse(present(open.change).previousFrom)).toBe(
        30 * DAY,
      );
      expect(Date.parse(present(open.change).to) - Date.parse(present(open.change).from)).toBe(30 * DAY);
      expect(present(open.change).from).toBe(present(open.change).previousTo);
    });

    it('lists the follow-up queue detractors first, pages through it, and filters by user', async () => {
      const page = (cursor?: string) =>
        json<ResponsesReply>(
          `/api/responses?status=answered&followUp=open&limit=2${cursor ? '&cursor=' + cursor : ''}`,
        );
      const seen: StoredResponse[] = [];
      let reply = await page();
      seen.push(...reply.responses);
      while (reply.nextCursor) {
        reply = await page(reply.nextCursor);
        seen.push(...reply.responses);
      }
      // Detractors newest received first, then the passive, then promoters newest received first.
      expect(seen.map((r) => r.id)).toEqual([finn.id, erinThen.id, erinBefore.id, gail.id, erinNow.id, hal.id]);
      expect(seen.every((r) => r.followUp.status === 'open' && r.followUp.history.length === 0)).toBe(true);
      const mixed = await call(
        `/api/responses?followUp=open&cursor=${(await json<ResponsesReply>('/api/responses?limit=1')).nextCursor}`,
      );
      expect(mixed.status).toBe(400);
      const erins = await json<ResponsesReply>('/api/responses?userId=erin');
      expect(erins.responses.map((r) => r.id)).toEqual([erinNow.id, erinThen.id]);
    });

    it('records follow-up changes with history, who made them, and the metrics', async () => {
      const first = await patch(
        finn.id,
        { followUp: { status: 'contacted', owner: 'sam', note: 'Called' } },
        { 'x-nps-actor': 'sam@example.com' },
      );
      expect(first.status).toBe(200);
      const second = (await (
        await patch(finn.id, { followUp: { status: 'resolved', note: 'Card works now' } })
      ).json()) as StoredResponse;
      expect(second).toMatchObject({
        id: finn.id,
        score: 3,
        followUp: { status: 'resolved', owner: 'sam', note: 'Card works now' },
      });
      expect(second.followUp.history.map((h) => [h.status, h.by, h.owner, h.note])).toEqual([
        ['contacted', 'sam@example.com', 'sam', 'Called'],
        ['resolved', 'dashboard', 'sam', 'Card works now'],
      ]);
      expect((await patch(finn.id, { followUp: { status: 'done' } })).status).toBe(400);
      const open = await json<ResponsesReply>('/api/responses?followUp=open');
      expect(open.responses.map((r) => r.id)).not.toContain(finn.id);
      expect((await json<ResponsesReply>('/api/responses?followUp=resolved')).responses.map((r) => r.id)).toEqual([
        finn.id,
      ]);
      const csv = (await (await call('/api/export.csv?followUp=resolved')).text()).trim().split('\r\n');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(`${finn.id},answered,3,detractor`);
      expect(csv[1]).toContain('resolved,Card works now');
      const { followUp } = await json<StatsReply>('/api/stats?from=2026-11-20&to=2026-11-26');
      expect(followUp).toMatchObject({ detractors: 1, contacted: 1, contactedShare: 1 });
      expect(followUp.medianHoursToContact).toBeGreaterThan(0);
    });

    it('lists trait keys with their values, a user history, and recovered detractors', async () => {
      expect(await json('/api/segments')).toEqual({
        segments: [
          {
            key: 'plan',
            responses: 4,
            values: [
              { value: 'pro', responses: 3 },
              { value: 'free', responses: 1 },
            ],
          },
        ],
        suggestions: [],
      });
      const history = await json<{ userId: string; responses: StoredResponse[]; recovered: boolean }>(
        '/api/users/erin',
      );
      expect(history.responses.map((r) => r.id)).toEqual([erinThen.id, erinNow.id]);
      expect(history.recovered).toBe(true);
      expect((await json<{ recovered: boolean }>('/api/users/finn')).recovered).toBe(false);
      expect(await json('/api/users/' + encodeURIComponent('nobody here'))).toEqual({
        userId: 'nobody here',
        responses: [],
        nextCursor: null,
        recovered: false,
      });
      expect(await json('/api/recovered')).toEqual({
        count: 1,
        users: [
          { userId: 'erin', firstDetractorAt: erinThen.answeredAt, latestScore: 9, latestAt: erinNow.answeredAt },
        ],
      });
      expect(await json('/api/recovered?from=2026-11-24')).toEqual({ count: 0, users: [] });
      expect((await call('/api/users/%E0%A4%A')).status).toBe(400);
    });

    it('answers HEAD where it answers GET, and names the methods it allows', async () => {
      for (const path of [
        '/api/segments',
        '/api/recovered',
        '/api/alerts',
        '/api/users/erin',
        '/api/stats?segment=plan',
      ]) {
        const res = await call(path, { method: 'HEAD' });
        expect(res.status, path).toBe(200);
        expect(await res.text()).toBe('');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
      const wrong = await call('/api/segments', { method: 'POST' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');
      expect((await call('/api/users/erin', { method: 'PUT' })).headers.get('allow')).toBe('GET, HEAD, DELETE');
      expect((await handle(new Request(ORIGIN + '/api/users/erin', { method: 'DELETE' }))).status).toBe(401);
    });

    it('erases a user and the anonymous ids seen with them: no row in any table mentions them', async () => {
      const res = await call('/api/users/erin', { method: 'DELETE' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ deleted: 3 });
      const tables = await db.query(
        `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
      );
      const rows: string[] = [];
      for (const { table_name } of tables.rows)
        rows.push(
          ...(await db.query(`select t::text as row from ${String(table_name)} t`)).rows.map((r) => String(r.row)),
        );
      expect(rows.length).toBeGreaterThan(0);
      for (const mention of ['erin', erinBefore.id, erinThen.id, erinNow.id])
        expect(rows.filter((r) => r.includes(mention))).toEqual([]);
      expect((await json<ResponsesReply>('/api/responses')).responses.map((r) => r.id).sort()).toEqual(
        [finn.id, gail.id, hal.id, unanswered.id].sort(),
      );
      expect(await (await call('/api/users/erin', { method: 'DELETE' })).json()).toEqual({ deleted: 0 });
    });
  });

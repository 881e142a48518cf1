import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type Database } from '../../../src/collector-entry';
import type { ResponsesReply, UserHistoryReply } from '../../../src/core/api-types';
import { answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// Every user id the wire schema lets in must be found and erased again (data-subject erasure).
const ORIGIN = 'http://127.0.0.1:5173';
const TOKEN = 'user-ids-token';

let db: Database;
let handle: ReturnType<typeof createCollector>;
beforeAll(async () => {
  const fresh = await freshStore();
  db = fresh.db;
  handle = createCollector({
    store: fresh.store,
    dashboardToken: TOKEN,
    dashboardDir: dashboardFixture(),
    log: () => {},
  });
});
afterAll(async () => {
  await handle.close();
  await db.close();
  removeDashboardFixtures();
});

const call = (path: string, init: RequestInit = {}) =>
  handle(new Request(ORIGIN + path, { ...init, headers: { authorization: 'Bearer ' + TOKEN } }));
const post = (records: unknown[]) =>
  handle(
    new Request(ORIGIN + '/api/nps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch(records)),
    }),
  );

describe('user ids the wire schema allows', () => {
  const accepted = {
    '256 characters': 'u'.repeat(256),
    '256 code points outside the BMP': '😀'.repeat(256),
    'a tab': 'user\twith-tab',
    'other control characters': 'bell\u0007and\u001fescape\u001b',
    'a slash and a percent sign': 'team/42%',
  };

  for (const [what, userId] of Object.entries(accepted))
    it(`are looked up, filtered on and erased: ${what}`, async () => {
      const record = answered(shown({ userId, anonymousId: 'anon-' + what }), 3);
      expect(await (await post([record])).json()).toEqual({ rejected: [] });
      const path = '/api/users/' + encodeURIComponent(userId);

      const history = await call(path);
      expect(history.status).toBe(200);
      expect(((await history.json()) as UserHistoryReply).responses.map((r) => r.id)).toEqual([record.id]);
      const listed = await call('/api/responses?userId=' + encodeURIComponent(userId));
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as ResponsesReply).responses.map((r) => r.userId)).toEqual([userId]);

      const erased = await call(path, { method: 'DELETE' });
      expect(erased.status).toBe(200);
      expect(await erased.json()).toEqual({ deleted: 1 });
      expect(((await (await call(path)).json()) as UserHistoryReply).responses).toEqual([]);
    });

  for (const userId of ['.', '..'])
    it(`are looked up and erased with /api/users?userId= when a path cannot carry them: ${JSON.stringify(userId)}`, async () => {
      const record = answered(shown({ userId, anonymousId: `anon-dots-${userId}` }), 3);
      expect(await (await post([record])).json()).toEqual({ rejected: [] });
      // URL parsing resolves dot segments, %2E%2E included: the path form never reaches this user.
      expect((await call(`/api/users/${encodeURIComponent(userId)}`)).status).toBe(404);
      expect((await call(`/api/users/${userId.replace(/\./g, '%2E')}`)).status).toBe(404);
      const query = `/api/users?${new URLSearchParams({ userId })}`;
      const history = await call(query);
      expect(history.status).toBe(200);
      expect(await history.json()).toMatchObject({ userId, responses: [{ id: record.id }] });
      const erased = await call(query, { method: 'DELETE' });
      expect(await erased.json()).toEqual({ deleted: 1 });
      expect(((await (await call(query)).json()) as UserHistoryReply).responses).toEqual([]);
    });

  it('/api/users without a userId is a 400 that says how to ask', async () => {
    const res = await call('/api/users');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'userId is required: /api/users?userId=<id>' });
    expect((await call('/api/users?userId=', { method: 'DELETE' })).status).toBe(400);
  });

  it('answer 400 beyond the schema: over 256 characters, or NUL', async () => {
    const tooLong = 'u'.repeat(257);
    const [refused] = (
      (await (await post([answered(shown({ userId: tooLong }), 3)])).json()) as { rejected: { error: string }[] }
    ).rejected;
    expect(refused?.error).toMatch(/userId/);
    for (const userId of [tooLong, 'a\u0000b']) {
      for (const path of [
        '/api/users/' + encodeURIComponent(userId),
        '/api/users?userId=' + encodeURIComponent(userId),
        '/api/responses?userId=' + encodeURIComponent(userId),
      ]) {
        const res = await call(path, { method: path.startsWith('/api/users') ? 'DELETE' : 'GET' });
        expect(res.status, path).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/userId/);
      }
    }
  });
});

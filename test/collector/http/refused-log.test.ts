import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCollector,
  type Database,
  type RefusedRequest,
  type ResponseStore,
  toNodeListener,
} from '../../../src/collector-entry';
import { answered, batch, dashboardFixture, freshStore, removeDashboardFixtures, shown } from '../fixtures';

// onRefused: one entry per refused request, with what an operator needs and nothing a record holds.
const TOKEN = 'refused-log-token-0123';
let db: Database;
let store: ResponseStore;
const dashboardDir = dashboardFixture();
beforeAll(async () => {
  ({ db, store } = await freshStore());
});
afterAll(async () => {
  await db.close();
  removeDashboardFixtures();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/nps', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

it('reports each refused request once, with status, reason, origin and client address, never content', async () => {
  const refused: RefusedRequest[] = [];
  const collector = createCollector({
    store,
    dashboardToken: TOKEN,
    dashboardDir,
    writeKey: 'pk_write',
    rateLimit: { limit: 3, windowMs: 60_000 },
    onRefused: (r) => refused.push(r),
    log: () => {},
  });
  const secret = 'a comment that must never be logged';
  const good = JSON.stringify(batch([answered(shown({ userId: 'user-private' }), 2, { comment: secret })]));
  const info = { clientAddress: '203.0.113.9' };
  const statuses = [
    await collector(post(good, { origin: 'https://evil.example' }), info),
    await collector(post(good), info),
    await collector(post(`{"comment":"${secret}"`, { 'x-nps-write-key': 'pk_write' }), info),
    await collector(post(good, { 'x-nps-write-key': 'pk_write' }), info),
    await collector(post(good, { 'x-nps-write-key': 'pk_write' }), info),
    await collector(new Request('http://localhost/api/users/user-private'), info),
  ].map((r) => r.status);
  await collector.close();
  expect(statuses).toEqual([403, 401, 400, 200, 429, 401]);
  expect(refused).toEqual([
    {
      status: 403,
      reason: 'origin not allowed',
      method: 'POST',
      path: '/api/nps',
      origin: 'https://evil.example',
      clientAddress: '203.0.113.9',
    },
    expect.objectContaining({ status: 401, reason: 'missing or wrong X-NPS-Write-Key header', origin: null }),
    expect.objectContaining({ status: 400, reason: 'body is not JSON' }),
    expect.objectContaining({ status: 429, reason: 'too many requests' }),
    expect.objectContaining({ status: 401, method: 'GET', path: '/api/users/:userId' }),
  ]);
  const logged = JSON.stringify(refused);
  expect(logged).not.toContain(secret);
  expect(logged).not.toContain('user-private');
});

it('serves /healthz without a token: 200 while the database answers', async () => {
  const collector = createCollector({ store, dashboardToken: TOKEN, dashboardDir, log: () => {} });
  const reply = await collector(new Request('http://localhost/healthz'));
  expect([reply.status, await reply.json()]).toEqual([200, { ok: true }]);
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  await collector.close();
});

it('reports the requests the Node listener refuses before the collector sees them', async () => {
  const refused: RefusedRequest[] = [];
  const handler = async () => new Response('never reached', { status: 500 });
  const server = createServer(toNodeListener(handler, { onRefused: (r) => refused.push(r) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const status = await new Promise<number | undefined>((resolve, reject) =>
    request({ host: '127.0.0.1', port, method: 'TRACE', path: '/api/users/alice?q=secret' }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end(),
  );
  await new Promise((resolve) => server.close(resolve));
  expect(status).toBe(405);
  expect(refused).toEqual([
    {
      status: 405,
      reason: 'TRACE is not supported',
      method: 'TRACE',
      path: '/api/users/:userId',
      origin: null,
      clientAddress: '127.0.0.1',
    },
  ]);
});

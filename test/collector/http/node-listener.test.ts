import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createCollector, toNodeListener, type Database, type ResponseStore } from '../../../src/collector-entry';
import { dashboardFixture, freshStore, removeDashboardFixtures } from '../fixtures';

// toNodeListener over real sockets: odd request lines and headers get a 4xx (never a 500 or a dropped
// connection), the URL never comes from Host, and TRUST_PROXY decides scheme and client address.
const TOKEN = 'listener-token';
let db: Database;
let store: ResponseStore;
const servers: Server[] = [];

beforeAll(async () => ({ db, store } = await freshStore()));
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await db.close();
  removeDashboardFixtures();
});

async function listen(trustProxy: boolean, seen: { url?: string; client?: string } = {}): Promise<number> {
  const collector = createCollector({
    store,
    dashboardToken: TOKEN,
    dashboardDir: dashboardFixture(),
    log: () => {},
    authFailureLimit: { limit: 2, windowMs: 60_000 },
  });
  const server = createServer(
    toNodeListener(
      (request, info) => {
        seen.url = request.url;
        seen.client = info?.clientAddress;
        return collector(request, info);
      },
      { trustProxy },
    ),
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** Sends raw bytes and reads the status line (or what the server did instead). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (c) => {
      data += c;
      if (data.includes('\r\n')) {
        resolve(data.split('\r\n')[0]);
        socket.destroy();
      }
    });
    socket.on('end', () => resolve(data.split('\r\n')[0] || 'connection closed without a reply'));
    socket.on('error', reject);
  });
}

it('answers odd requests with a 4xx', async () => {
  const port = await listen(false);
  const cases: [string, RegExp][] = [
    ['TRACE /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', /^HTTP\/1\.1 405/],
    ['GET http://evil.example/api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', /^HTTP\/1\.1 400/],
    ['GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', /^HTTP\/1\.1 400/],
    ['GET //evil.example/api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', /^HTTP\/1\.1 400/],
    ['GET /api/stats HTTP/1.1\r\nHost: bad host/\r\n\r\n', /^HTTP\/1\.1 400/],
    ['GET /api/stats HTTP/1.1\r\nHost: a@b\r\n\r\n', /^HTTP\/1\.1 400/],
    ['OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', /^HTTP\/1\.1 400/],
    [
      `GET /api/stats?stage=%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
      /^HTTP\/1\.1 400/,
    ],
    [
      `GET /api/stats?to=9999-12-31 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
      /^HTTP\/1\.1 400/,
    ],
    [`HEAD /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`, /^HTTP\/1\.1 200/],
  ];
  for (const [request, status] of cases) expect(await raw(port, request), request.split('\r\n')[0]).toMatch(status);
});

it('builds the request URL from a fixed base, not from Host', async () => {
  const seen: { url?: string } = {};
  const port = await listen(false, seen);
  await raw(port, 'GET /login?x=1 HTTP/1.1\r\nHost: evil.example:8080\r\n\r\n');
  expect(seen.url).toBe('http://localhost/login?x=1');
});

it('with trustProxy, takes the scheme and client address from the proxy: Secure cookies, per-client limits', async () => {
  const seen: { client?: string } = {};
  const trusted = await listen(true, seen);
  const login = (port: number, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: 'token=' + TOKEN,
    });
  const viaProxy = await login(trusted, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
  expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/);
  expect(seen.client).toBe('203.0.113.9');
  // Not trusted: the same headers change nothing.
  const direct = await listen(false, seen);
  const spoofed = await login(direct, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
  expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
  expect(seen.client).toBe('127.0.0.1');
});

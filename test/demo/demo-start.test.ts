import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../../demo/start-demo.mjs';
import { answered, batch, shown } from '../collector/fixtures';

// Start-up and messages of the demo (issue 12): the banner, the first-start note, a port in use, an
// unreachable DATABASE_URL, and the seed script. Runs against the built package (npm test builds first).
const ROOT = new URL('../..', import.meta.url).pathname;
const TOKEN = 'demo-start-token-0123';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs a node script until it exits, or until its output matches `until` (then stops it). */
function run(
  args: string[],
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '',
      err = '';
    const check = () => until?.test(out) && child.kill('SIGTERM');
    child.stdout.on('data', (c) => {
      out += c;
      check();
    });
    child.stderr.on('data', (c) => (err += c));
    // 'close', not 'exit': all of stdout and stderr has been read by then.
    child.on('error', reject).on('close', (code) => resolve({ code, out, err }));
  });
}

const occupiedPort = async (): Promise<[Server, number]> => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return [server, (server.address() as AddressInfo).port];
};

it('fails on a port in use before touching the database', async () => {
  const [server, port] = await occupiedPort();
  try {
    // An unreachable database would fail with its own message: the port must be checked first.
    await expect(startDemo({ PORT: String(port), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is already in use`),
    );
  } finally {
    server.close();
  }
});

it('names DATABASE_URL and its host (not its password) when PostgreSQL cannot be reached', async () => {
  const error = await startDemo({ PORT: '0', DATABASE_URL: 'postgres://user:s3cret@127.0.0.1:1/none' }).catch(
    (e: Error) => e,
  );
  expect(String(error)).toMatch(/DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  expect(String(error)).not.toContain('s3cret');
});

it('says the first start creates the database only on a real first start', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'nps-demo-first-'));
  dirs.push(parent);
  const dataDir = join(parent, 'data');
  const first = await startDemo({ PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
  await first.close();
  const second = await startDemo({ PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
  await second.close();
  expect([first.firstStart, second.firstStart]).toEqual([true, false]);
  const banner = await run(
    ['demo/server.mjs'],
    {
      PORT: '0',
      DATA_DIR: dataDir,
      DASHBOARD_TOKEN: TOKEN,
      ALLOWED_ORIGINS: 'https://app.example.com',
      NPS_WRITE_KEY: 'pk',
      WEBHOOK_URL: 'demo',
      WEBHOOK_FORMAT: 'slack',
    },
    /Press Ctrl\+C/,
  );
  expect(banner.out).toMatch(
    /Alerts \(webhook\): +http:\/\/127\.0\.0\.1:\d+\/demo\/webhook \(the demo's own receiver: see http:\/\/127\.0\.0\.1:\d+\/demo\/alerts\), on detractor, slack, signed/,
  );
  expect(banner.err).not.toMatch(/unsigned/);
  expect(banner.out).not.toMatch(/first start/);
  expect(banner.out).toContain(`Storage:                PGlite in ${dataDir}/`);
  expect(banner.out).toContain('Allowed origins:        https://app.example.com');
  expect(banner.out).toMatch(/Write key: +required/);
});

it('prints the first-start note, storage, origins and write key in the banner', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'nps-demo-banner-'));
  dirs.push(parent);
  const dataDir = join(parent, 'data');
  const { out } = await run(
    ['demo/server.mjs'],
    { PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN, ALLOWED_ORIGINS: '', NPS_WRITE_KEY: '', WEBHOOK_URL: '' },
    /Press Ctrl\+C/,
  );
  expect(out).toMatch(/the first start creates it, which takes a while/);
  expect(out).toMatch(/Alerts \(webhook\): +off \(set WEBHOOK_URL, or WEBHOOK_URL=demo/);
  expect(out).toMatch(/Allowed origins: +none besides its own/);
  expect(out).toMatch(/Write key: +not required/);
});

it('says "unsigned" in the banner and warns when a webhook has no WEBHOOK_SECRET', async () => {
  // Nothing listens at the receiver: no response is stored in this run, so nothing is sent there.
  const env = {
    PORT: '0',
    DATA_DIR: 'memory://',
    DASHBOARD_TOKEN: TOKEN,
    WEBHOOK_URL: 'https://hooks.example.com/nps',
  };
  const unsigned = await run(['demo/server.mjs'], { ...env, WEBHOOK_SECRET: '' }, /Press Ctrl\+C/);
  expect(unsigned.out).toMatch(
    /Alerts \(webhook\): +https:\/\/hooks\.example\.com\/…, on detractor, json, unsigned \(set WEBHOOK_SECRET to sign\)/,
  );
  expect(unsigned.err).toMatch(
    /^demo: warning: WEBHOOK_URL is set without WEBHOOK_SECRET, so alerts are sent unsigned/m,
  );
  const signed = await run(
    ['demo/server.mjs'],
    { ...env, WEBHOOK_SECRET: 'a-secret-of-16-chars-or-more' },
    /Press Ctrl\+C/,
  );
  expect(signed.out).toMatch(/Alerts \(webhook\): +https:\/\/hooks\.example\.com\/…, on detractor, json, signed/);
  expect(signed.err).not.toMatch(/unsigned/);
});

it('seed.mjs follows PORT, and says plainly when no demo is running', async () => {
  const [server, port] = await occupiedPort();
  await new Promise((r) => server.close(r)); // a port that was free a moment ago: nothing listens there
  const none = await run(['demo/seed.mjs', '10'], { PORT: String(port) });
  expect(none.code).toBe(1);
  expect(none.err).toMatch(new RegExp(`^seed: no demo is running at http://127.0.0.1:${port}\\. Start it with`));
  expect(none.err).not.toMatch(/\n\s+at /); // no stack trace

  const demo = await startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN });
  try {
    const sent = await run(['demo/seed.mjs', '10'], {
      PORT: new URL(demo.url).port,
      NPS_WRITE_KEY: '',
      DASHBOARD_TOKEN: TOKEN,
    });
    // 10 random records and the recovered detractor's two answers.
    expect(sent.out).toContain(`seed: sent 12 records to ${demo.url}/api/nps (0 rejected)`);
    expect(await demo.store.count()).toBe(12);
    expect(sent.out).toMatch(/seed: worked on [0-3] follow-ups/);
    const recovered = await demo.store.ofUser('user-recovered');
    expect(recovered.map((r) => r.category)).toEqual(['detractor', 'promoter']);
  } finally {
    await demo.close();
  }
});

it('refuses to start a second demo process on the same PGlite data directory, saying why', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'nps-demo-two-'));
  dirs.push(parent);
  const dataDir = join(parent, 'data');
  const first = await startDemo({ PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
  try {
    const second = await run(['demo/server.mjs'], { PORT: '0', DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/^demo: could not start: the PGlite data directory .* is in use by process \d+/);
    expect(second.err).toMatch(/use PostgreSQL \(DATABASE_URL\) to run several collectors/);
  } finally {
    await first.close();
  }
});

/** A raw request to the demo with a Host of the test's choosing (fetch always sends the URL's own). */
function rawRequest(
  url: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The demo may answer 413 and close before the whole body is written.
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error)));
    req.end(body);
  });
}

it("WEBHOOK_URL=demo delivers alerts to the demo's own receiver, which verifies them and shows them at /demo/alerts", async () => {
  const demo = await startDemo({
    PORT: '0',
    DATA_DIR: 'memory://',
    DASHBOARD_TOKEN: TOKEN,
    WEBHOOK_URL: 'demo',
    WEBHOOK_SECRET: 'demo-secret-0123456789',
  });
  try {
    expect(demo.webhook).toBe(`${demo.url}/demo/webhook (the demo's own receiver: see ${demo.url}/demo/alerts)`);
    const record = answered(shown({ userId: 'user-<dana>' }), 1, { comment: 'Broken <b>again</b>' });
    const res = await fetch(`${demo.url}/api/nps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch([record])),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && !demo.demoWebhook?.deliveries.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(demo.demoWebhook?.deliveries).toMatchObject([{ event: 'detractor', verified: true }]);
    const page = await fetch(`${demo.url}/demo/alerts`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await page.text();
    expect(html).toContain('signature verified');
    expect(html).toContain('user user-&#60;dana&#62;');
    expect(html).toContain('<blockquote>Broken &#60;b&#62;again&#60;/b&#62;</blockquote>');
    // A delivery signed with another secret is shown as such, and refused.
    const forged = await fetch(`${demo.url}/demo/webhook`, {
      method: 'POST',
      headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,00' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
  } finally {
    await demo.close();
  }
});

it("/demo/alerts needs the dashboard login and the demo's own Host; /demo/webhook reads a bounded body", async () => {
  const demo = await startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: TOKEN, WEBHOOK_URL: 'demo' });
  try {
    const port = new URL(demo.url).port;
    // Signed out: nothing of the alerts (their comments are the users' words).
    const signedOut = await fetch(`${demo.url}/demo/alerts`);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).toMatch(/^Sign in to the dashboard first/);
    expect((await fetch(`${demo.url}/demo/alerts`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // Signed in, through the login page's session cookie.
    const login = await fetch(`${demo.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: demo.url },
      body: `token=${TOKEN}`,
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0] ?? '';
    expect((await fetch(`${demo.url}/demo/alerts`, { headers: { cookie } })).status).toBe(200);
    // A page of another site whose name now resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
    const rebound = await rawRequest(demo.url, '/demo/alerts', {
      headers: { host: `evil.example:${port}`, authorization: `Bearer ${TOKEN}` },
    });
    expect(rebound.status).toBe(421);
    expect(
      (await rawRequest(demo.url, '/demo/alerts', { headers: { host: `localhost:${port}`, cookie } })).status,
    ).toBe(200);
    // The receiver reads at most 1 MiB.
    const huge = await rawRequest(demo.url, '/demo/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 'a'),
    });
    expect(huge.status).toBe(413);
    expect(demo.demoWebhook?.deliveries).toEqual([]);
  } finally {
    await demo.close();
  }
});

it('reads ALERT_MAX_PER_MINUTE, WEBHOOK_COMMENT_WAIT_SECONDS and ERASURE_SECRET, naming a wrong one', async () => {
  await expect(
    startDemo({ PORT: '0', DATA_DIR: 'memory://', WEBHOOK_URL: 'demo', ALERT_MAX_PER_MINUTE: 'many' }),
  ).rejects.toThrow(/^ALERT_MAX_PER_MINUTE must be a whole number up to \d+, got "many"$/);
  await expect(
    startDemo({ PORT: '0', DATA_DIR: 'memory://', WEBHOOK_URL: 'demo', WEBHOOK_COMMENT_WAIT_SECONDS: '7200' }),
  ).rejects.toThrow(/^WEBHOOK_COMMENT_WAIT_SECONDS must be a whole number of seconds from 0 to 3600, got "7200"$/);
  await expect(startDemo({ PORT: '0', DATA_DIR: 'memory://', ERASURE_SECRET: 'short' })).rejects.toThrow(
    /^ERASURE_SECRET must be a string of at least 16 characters$/,
  );
});

it('names the WEBHOOK_ setting that is wrong', async () => {
  await expect(
    startDemo({ PORT: '0', DATA_DIR: 'memory://', WEBHOOK_URL: 'demo', WEBHOOK_ON: 'always' }),
  ).rejects.toThrow(/^WEBHOOK_ON must be one of detractor, answer, comment, got "always"$/);
  await expect(startDemo({ PORT: '0', DATA_DIR: 'memory://', WEBHOOK_URL: 'ftp://x' })).rejects.toThrow(
    /^WEBHOOK_URL must be an https: or http: URL/,
  );
});

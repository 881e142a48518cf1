import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/collector/store/open-database';
import { answered, batch, shown } from '../collector/fixtures';
import { installPackage, packPackage } from '../helpers/packed-package';

// `nps-collector`, the production server, as a team runs it: from the packed tarball installed into
// a scratch project (offline), started through node_modules/.bin, configured by the environment.
const work = mkdtempSync(join(tmpdir(), 'nps-server-'));
const app = join(work, 'app');
const TOKEN = 'a-dashboard-token-of-32-characters';
beforeAll(() => installPackage(packPackage(work), app, ['@electric-sql/pglite', 'ajv', 'pg']), 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type LogEntry = Record<string, unknown> & { event: string; message?: string };

/** The command running in `app`, with its JSON log lines as they come. */
function startCommand(env: Record<string, string>) {
  const child: ChildProcess = spawn(join(app, 'node_modules/.bin/nps-collector'), [], {
    cwd: app,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', ...env },
  });
  const entries: LogEntry[] = [];
  let out = '';
  let err = '';
  const waiting: { test: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void }[] = [];
  child.stdout?.on('data', (chunk) => {
    out += chunk;
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      const entry = JSON.parse(line) as LogEntry;
      entries.push(entry);
      for (const w of waiting.filter((w) => w.test(entry))) w.resolve(entry);
    }
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, at: Date.now() })),
  );
  return {
    child,
    entries,
    exited,
    stderr: () => err,
    waitFor: (test: (e: LogEntry) => boolean) =>
      new Promise<LogEntry>((resolve, reject) => {
        const found = entries.find(test);
        if (found) return resolve(found);
        waiting.push({ test, resolve });
        void exited.then(({ code }) => reject(new Error(`nps-collector exited (${code}): ${err}`)));
      }),
  };
}

const listening = (e: LogEntry) => e.event === 'server' && /^nps-collector listening on /.test(e.message ?? '');
const urlOf = (e: LogEntry) => (e.message ?? '').replace('nps-collector listening on ', '');

/** A POST whose body is sent in two parts: the second only when `finish` is called. */
function slowPost(url: string, body: string) {
  let finish = () => {};
  const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    finish = () => req.end(body.slice(10));
  });
  return { reply, finish: () => finish() };
}

describe('nps-collector from the packed tarball, on PGlite', () => {
  it('serves /healthz, logs a refused origin without any content, and drains on SIGTERM', async () => {
    const dataDir = join(work, 'data');
    const server = startCommand({ DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
    const url = urlOf(await server.waitFor(listening));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(dataDir, 'nps-collector.lock'))).toBe(true);

    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);

    const secret = 'do-not-log-this-comment';
    const record = answered(shown({ userId: 'user-secret-id' }), 2, { comment: secret });
    const refused = await fetch(`${url}/api/nps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(batch([record])),
    });
    expect(refused.status).toBe(403);
    const line = await server.waitFor((e) => e.event === 'refused');
    expect(line).toMatchObject({
      level: 'warn',
      status: 403,
      reason: 'origin not allowed',
      method: 'POST',
      path: '/api/nps',
      origin: 'https://evil.example',
      clientAddress: '127.0.0.1',
    });

    // A request in flight when SIGTERM comes is finished and stored; then the process exits 0.
    const inFlight = slowPost(`${url}/api/nps`, JSON.stringify(batch([record])));
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    await server.waitFor((e) => /^SIGTERM: stopping/.test(e.message ?? ''));
    inFlight.finish();
    const reply = await inFlight.reply;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ rejected: [] });
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    expect(existsSync(join(dataDir, 'nps-collector.lock')), 'the PGlite lock is released').toBe(false);
    const log = server.entries.map((e) => JSON.stringify(e)).join('\n');
    expect(log).not.toContain(secret);
    expect(log).not.toContain('user-secret-id');

    // The record sent while stopping was stored: a second start on the same data directory has it.
    const again = startCommand({ DATA_DIR: dataDir, DASHBOARD_TOKEN: TOKEN });
    const url2 = urlOf(await again.waitFor(listening));
    const stats = await fetch(`${url2}/api/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await stats.json()).toMatchObject({ total: 1, detractors: 1 });
    again.child.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
  }, 120_000);

  it('refuses a DASHBOARD_TOKEN under 16 characters, saying so and never echoing it', async () => {
    const server = startCommand({ DATA_DIR: 'memory://', DASHBOARD_TOKEN: 'short-t0ken' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/^nps-collector: DASHBOARD_TOKEN must be at least 16 characters long \(it is 11\)/);
    expect(server.stderr()).not.toContain('short-t0ken');
    expect(server.entries.filter(listening)).toEqual([]);
  }, 30_000);

  it('names a bad setting and exits 1 before opening anything', async () => {
    const server = startCommand({ DATA_DIR: 'memory://', LOG_FORMAT: 'xml' });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr()).toMatch(/^nps-collector: LOG_FORMAT must be one of text, json, got "xml"/);
  }, 30_000);
});

const PG = process.env.TEST_DATABASE_URL;
describe.skipIf(!PG)(
  `nps-collector on PostgreSQL through DATABASE_URL${PG ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`,
  () => {
    it('migrates at start, stores and reads, and stops with exit 0', async () => {
      const schema = `server_${process.pid}_${Date.now()}`;
      const admin = await openDatabase({ url: PG });
      await admin.query(`create schema ${schema}`);
      try {
        const scoped = new URL(PG ?? '');
        scoped.searchParams.set('options', `-c search_path=${schema}`);
        const server = startCommand({ DATABASE_URL: scoped.href, DASHBOARD_TOKEN: TOKEN });
        const url = urlOf(await server.waitFor(listening));
        const listened = server.entries.find(listening);
        expect(listened?.storage).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+ \(DATABASE_URL\)$/);
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        const posted = await fetch(`${url}/api/nps`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(batch([answered(shown(), 9)])),
        });
        expect(posted.status).toBe(200);
        const { rows } = await admin.query(`select count(*)::int as n from ${schema}.nps_responses`);
        expect(rows[0]?.n).toBe(1);
        server.child.kill('SIGTERM');
        expect((await server.exited).code).toBe(0);
      } finally {
        await admin.query(`drop schema ${schema} cascade`);
        await admin.close();
      }
    }, 60_000);
  },
);

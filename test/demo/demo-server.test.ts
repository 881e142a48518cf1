import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { startDemo } from '../../demo/start-demo.mjs';
import { defined } from '../helpers/defined';

// The demo server over real HTTP: pages under a strict CSP that allows exactly their inline scripts,
// only whitelisted files, and the collector's limits through the Node adapter.
let demo: Awaited<ReturnType<typeof startDemo>>;
beforeAll(async () => {
  demo = await startDemo({ PORT: '0', DATA_DIR: 'memory://', DASHBOARD_TOKEN: 't', NPS_WRITE_KEY: 'pk_"<x>' });
});
afterAll(() => demo?.close());

it('serves the demo pages with a CSP that allows only their own inline scripts, by hash', async () => {
  for (const path of ['/', '/esm.html']) {
    const res = await fetch(demo.url + path);
    const csp = defined(res.headers.get('content-security-policy'), `a CSP header on ${path}`);
    const html = await res.text();
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const inline = [...html.matchAll(/<script(?: type="importmap")?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    const hashes = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    const script = defined(inline[0], `an inline script on ${path}`);
    expect(hashes).toEqual([createHash('sha256').update(script).digest('base64')]);
    // The write key lands in an attribute, escaped.
    expect(html).toContain('content="pk_&#34;&#60;x&#62;"');
  }
  const esmPage = await (await fetch(demo.url + '/esm.html')).text();
  const map = JSON.parse(defined(/<script type="importmap">([\s\S]*?)<\/script>/.exec(esmPage), 'the import map')[1]);
  for (const file of Object.values(map.imports) as string[])
    expect((await fetch(demo.url + file)).status, file).toBe(200);
});

it('serves only the files it means to', async () => {
  for (const path of ['/nps.js', '/demo-app.js', '/demo.css'])
    expect((await fetch(demo.url + path)).status, path).toBe(200);
  for (const path of [
    '/vendor/preact/package.json',
    '/vendor/../package.json',
    '/%2e%2e/package.json',
    '/dist/../package.json',
    '/package.json',
    '/dashboard/../demo/server.mjs',
    '/.data/x.js',
  ])
    expect((await fetch(demo.url + path)).status, path).toBe(404);
});

it('refuses a streamed body over the limit with 413 before reading it all', async () => {
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      demo.url + '/api/nps',
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-nps-write-key': 'pk_"<x>' } },
      (res) => {
        let body = '';
        res
          .on('data', (c) => (body += c))
          .on('end', () => resolve({ status: defined(res.statusCode, 'a status code'), body }));
      },
    );
    req.on('error', reject);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 8; i++) req.write(chunk); // 512 KiB, chunked: no Content-Length to go by
    req.end();
  });
  expect(status).toBe(413);
  expect(body).toMatch(/body over 262144 bytes/);
  expect(await demo.store.count()).toBe(0);
});

it('names a bad setting instead of starting', async () => {
  await expect(startDemo({ PORT: 'http' })).rejects.toThrow(/PORT must be a port number, got "http"/);
  await expect(startDemo({ PORT: '0', ALLOWED_ORIGINS: 'app.example.com' })).rejects.toThrow(
    /ALLOWED_ORIGINS: "app.example.com" is not an origin/,
  );
  await expect(startDemo({ PORT: '0', RATE_LIMIT: 'lots' })).rejects.toThrow(/RATE_LIMIT/);
});

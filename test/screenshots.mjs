// `npm run screenshots`: renders the prompt from dist/nps.js in headless Chromium and saves PNGs to
// demo/screenshots/ (light, dark, mobile, RTL, follow-up, thank-you). Run `npm run build` first.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The tests' own launchBrowser() (test/helpers/browser.ts, through the bench's bridge from Node to it).
import { launchBrowser } from './bench/harness.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'demo/screenshots');
mkdirSync(out, { recursive: true });

// A stand-in for a SaaS app, so the prompt is seen in context.
const page = (dark) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Acme</title>${dark ? '<meta name="color-scheme" content="dark">' : ''}
<link rel="stylesheet" href="/app.css"><script src="/dist/nps.js"></script></head>
<body class="${dark ? 'dark' : ''}"><header><b>Acme</b><nav>Projects · Reports · Settings</nav></header>
<main><h1>Projects</h1><p>Your checkout flow shipped. 3 tasks left this week.</p>
<section><div></div><div></div><div></div></section></main></body></html>`;
const css = `body{margin:0;font:15px system-ui,sans-serif;background:#f3f4f6;color:#111827}
header{display:flex;gap:24px;padding:14px 24px;background:#111827;color:#fff}
main{padding:24px}section{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
section div{height:120px;background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002}
.dark{background:#0b1120;color:#e5e7eb}.dark section div{background:#1e293b}`;

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (req.method === 'POST') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  if (path === '/app.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(css);
  if (path.startsWith('/dist/')) {
    try {
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(root, path)));
    } catch {}
  }
  if (path === '/' || path === '/dark')
    return res.writeHead(200, { 'content-type': 'text/html' }).end(page(path === '/dark'));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await launchBrowser();

const shots = [
  { name: 'light', viewport: { width: 1024, height: 640 } },
  { name: 'dark', path: '/dark', viewport: { width: 1024, height: 640 }, colorScheme: 'dark' },
  { name: 'mobile', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'rtl', viewport: { width: 1024, height: 640 }, options: { locale: 'ar', product: 'أكمي' } },
  { name: 'follow-up', viewport: { width: 1024, height: 640 }, step: 'follow-up' },
  {
    name: 'thank-you',
    viewport: { width: 1024, height: 640 },
    colorScheme: 'dark',
    path: '/dark',
    step: 'thanks',
    options: {
      thanks: {
        closeAfterMs: 60000,
        promoter: {
          message: 'Thank you! Would you tell others?',
          link: { href: 'https://example.com/reviews', text: 'Write a review' },
        },
      },
    },
  },
  {
    name: 'center',
    viewport: { width: 1024, height: 640 },
    options: { position: 'center', theme: { accent: '#0f766e' } },
  },
];

for (const s of shots) {
  const context = await browser.newContext({
    viewport: s.viewport,
    deviceScaleFactor: s.deviceScaleFactor ?? 1,
    isMobile: s.isMobile,
    hasTouch: s.hasTouch,
    colorScheme: s.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const p = await context.newPage();
  await p.goto(base + (s.path ?? '/'));
  await p.evaluate((o) => {
    nps.init({ endpoint: '/api/nps', product: 'Acme', thanks: { closeAfterMs: 60000 }, ...o });
    nps.show({ force: true });
  }, s.options ?? {});
  const dialog = p.locator('nps-widget [role=dialog]');
  await dialog.waitFor();
  if (s.step) {
    await p
      .locator('nps-widget [role=radio]')
      .nth(s.step === 'thanks' ? 10 : 6)
      .click();
    await p.locator('nps-widget textarea').fill(s.step === 'thanks' ? 'Love the new reports' : 'The export is slow');
    if (s.step === 'thanks') {
      await p.locator('nps-widget [part=send]').click();
      await p.getByRole('status').getByText(/./).waitFor();
    } else await p.locator('nps-widget textarea').blur();
  }
  await p.screenshot({ path: join(out, `${s.name}.png`) });
  console.log(`screenshots: demo/screenshots/${s.name}.png`);
  await context.close();
}
await browser.close();
server.close();

// @ts-check
// `WEBHOOK_URL=demo`: a tiny webhook receiver on the demo server itself, so a newcomer sees an alert
// arrive. POST /demo/webhook checks the signature the way a real receiver should and keeps the last
// deliveries in memory; GET /demo/alerts shows them (the page reloads itself every few seconds).
import { verifyWebhook } from 'nps-widget/collector';

/** Deliveries kept for the page. */
const KEEP = 50;

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * One delivery as the receiver saw it.
 * @typedef {{ id: string, receivedAt: string, event: string, verified: boolean, body: string }} DemoDelivery
 */

/**
 * The demo receiver: `handle(request)` answers `/demo/webhook` and `/demo/alerts`, undefined for other paths.
 * @param {{ secret: string | null, now?: () => number }} options
 */
export function createDemoWebhook({ secret, now = Date.now }) {
  /** @type {DemoDelivery[]} */
  const deliveries = [];

  /** @param {Request} request */
  async function receive(request) {
    const body = await request.text();
    const verified = secret ? verifyWebhook(secret, request.headers, body) : false;
    // A real receiver answers 401 here; the demo keeps the delivery to show what was wrong.
    const event = request.headers.get('x-nps-event') ?? '?';
    const id = request.headers.get('x-nps-delivery') ?? '?';
    // At least once: a resent delivery replaces the earlier copy instead of showing twice.
    const seen = deliveries.findIndex((d) => d.id === id);
    if (seen >= 0) deliveries.splice(seen, 1);
    deliveries.unshift({ id, receivedAt: new Date(now()).toISOString(), event, verified, body });
    deliveries.splice(KEEP);
    return new Response(verified || !secret ? 'ok' : 'signature does not verify', {
      status: verified || !secret ? 200 : 401,
      headers: { 'content-type': 'text/plain' },
    });
  }

  /** @param {DemoDelivery} d */
  function item(d) {
    /** @type {{ response?: { score?: number, category?: string, comment?: string, userId?: string, stage?: string }, link?: string }} */
    let parsed = {};
    try {
      parsed = JSON.parse(d.body);
    } catch {}
    const r = parsed.response ?? {};
    const link = parsed.link ? ` · <a href="${escapeHtml(parsed.link)}">open in the dashboard</a>` : '';
    return `<li><strong>${escapeHtml(d.event)}</strong> · score ${escapeHtml(String(r.score ?? '–'))} (${escapeHtml(r.category ?? '–')})
      · user ${escapeHtml(r.userId ?? 'anonymous')} · stage ${escapeHtml(r.stage ?? '–')}${link}
      <br><small>${escapeHtml(d.receivedAt)} · delivery ${escapeHtml(d.id)} · signature ${d.verified ? 'verified' : secret ? 'DOES NOT VERIFY' : 'not signed (no WEBHOOK_SECRET)'}</small>
      ${r.comment ? `<blockquote>${escapeHtml(r.comment)}</blockquote>` : ''}</li>`;
  }

  function page() {
    const list = deliveries.length
      ? `<ol>${deliveries.map(item).join('')}</ol>`
      : '<p>No alerts yet. Answer the survey in the demo app with 0–6.</p>';
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3"><title>Demo webhook receiver</title><link rel="stylesheet" href="/demo.css"></head>
<body><main><h1>Demo webhook receiver</h1><p>Alerts the collector POSTed to <code>/demo/webhook</code> (newest first; this page reloads every 3 s).</p>${list}</main></body></html>`;
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  }

  return {
    deliveries,
    /** @param {Request} request @returns {Promise<Response | undefined>} */
    async handle(request) {
      const { pathname } = new URL(request.url);
      if (pathname === '/demo/webhook')
        return request.method === 'POST'
          ? receive(request)
          : new Response('use POST', { status: 405, headers: { allow: 'POST' } });
      if (pathname === '/demo/alerts')
        return request.method === 'GET' || request.method === 'HEAD'
          ? page()
          : new Response('use GET', { status: 405, headers: { allow: 'GET, HEAD' } });
      return undefined;
    },
  };
}

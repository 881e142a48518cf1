// @ts-check
// `WEBHOOK_URL=demo`: a tiny webhook receiver on the demo server itself, so a newcomer sees an alert
// arrive. POST /demo/webhook checks the Standard Webhooks signature the way a real receiver should
// and keeps the last deliveries in memory; GET /demo/alerts shows them (the page reloads itself every
// few seconds) to whoever is signed in to the dashboard, on the demo's own address only.
import { verifyWebhook } from 'nps-widget/collector';

/** Deliveries kept for the page. */
const KEEP = 50;
/** The largest delivery read: an alert with the longest comment the widget sends fits well within it. */
export const DEMO_WEBHOOK_MAX_BYTES = 1024 * 1024;

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Who may see `/demo/alerts`: the Host values of the demo's own address, and whether the request is
 * signed in to the dashboard.
 * @typedef {{ hosts: string[], signedIn: () => Promise<boolean> }} DemoAccess
 */

/**
 * One delivery as the receiver saw it.
 * @typedef {{ id: string, receivedAt: string, event: string, verified: boolean, body: string }} DemoDelivery
 */

/** @param {number} status @param {string} text @param {Record<string, string>} [headers] */
const plain = (status, text, headers = {}) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/**
 * The body as text, or undefined when it is over `maxBytes` (read no further than that). The rest is
 * left unread rather than cancelled, so the 413 still goes out before the connection is dropped.
 * @param {Request} request @param {number} maxBytes
 */
async function boundedText(request, maxBytes) {
  if (Number(request.headers.get('content-length')) > maxBytes) return undefined;
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      reader?.releaseLock();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The demo receiver: `handle(request, access)` answers `/demo/webhook` and `/demo/alerts`, undefined
 * for other paths. `/demo/alerts` shows alert comments: only on one of `access.hosts` (a page of
 * another site that rebinds its name to 127.0.0.1 sends its own Host) and only when
 * `access.signedIn()` (the dashboard's session or token).
 * @param {{ secret: string | null, now?: () => number }} options
 */
export function createDemoWebhook({ secret, now = Date.now }) {
  /** @type {DemoDelivery[]} */
  const deliveries = [];

  /** @param {Request} request */
  async function receive(request) {
    const body = await boundedText(request, DEMO_WEBHOOK_MAX_BYTES);
    if (body === undefined) return plain(413, `body over ${DEMO_WEBHOOK_MAX_BYTES} bytes`, { connection: 'close' });
    const verified = secret ? verifyWebhook(secret, request.headers, body) : false;
    // A real receiver answers 401 here; the demo keeps the delivery to show what was wrong.
    const event = request.headers.get('x-nps-event') ?? '?';
    const id = request.headers.get('webhook-id') ?? '?';
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
    /** @type {{ response?: { score?: number, category?: string, comment?: string, userId?: string, stage?: string }, link?: string, text?: string }} */
    let parsed = {};
    try {
      parsed = JSON.parse(d.body);
    } catch {}
    if (d.event === 'digest')
      return `<li><strong>digest</strong> · ${escapeHtml(parsed.text ?? '')}
      <br><small>${escapeHtml(d.receivedAt)} · delivery ${escapeHtml(d.id)} · signature ${d.verified ? 'verified' : 'DOES NOT VERIFY'}</small></li>`;
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
<meta http-equiv="refresh" content="3"><title>Demo webhook receiver</title><link rel="stylesheet" href="/demo.css"><link rel="stylesheet" href="/alerts.css"></head>
<body class="alerts-page"><main><h1>Demo webhook receiver</h1><p>Alerts the collector POSTed to <code>/demo/webhook</code> (newest first; this page reloads every 3 s).</p>${list}</main></body></html>`;
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  }

  /** @param {Request} request @param {DemoAccess} access */
  async function alertsPage(request, access) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'use GET', { allow: 'GET, HEAD' });
    if (!access.hosts.includes(request.headers.get('host') ?? ''))
      return plain(421, `this page answers only at ${access.hosts[0]}`);
    if (!(await access.signedIn()))
      return plain(401, 'Sign in to the dashboard first (/login), then open /demo/alerts again.');
    return page();
  }

  return {
    deliveries,
    /** @param {Request} request @param {DemoAccess} access @returns {Promise<Response | undefined>} */
    async handle(request, access) {
      const { pathname } = new URL(request.url);
      if (pathname === '/demo/webhook')
        return request.method === 'POST' ? receive(request) : plain(405, 'use POST', { allow: 'POST' });
      if (pathname === '/demo/alerts') return alertsPage(request, access);
      return undefined;
    },
  };
}

// @ts-check
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

const ROOT = new URL('..', import.meta.url);
const PUBLIC = new URL('public/', import.meta.url);
const TYPES = /** @type {Record<string, string>} */ ({
  js: 'text/javascript',
  css: 'text/css',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  map: 'application/json',
});

/** Bare module specifiers of the ESM page → files in node_modules (the page's import map). */
export const VENDOR = {
  preact: 'preact/dist/preact.module.js',
  // The built-in prompt (dist/esm/prompt.js) is Preact + signals.
  'preact/hooks': 'preact/hooks/dist/hooks.module.js',
  '@preact/signals': '@preact/signals/dist/signals.module.js',
  '@preact/signals-core': '@preact/signals-core/dist/signals-core.module.js',
  'idb-keyval': 'idb-keyval/dist/index.js',
};
const VENDOR_FILES = new Set(Object.values(VENDOR));

/** @param {string} s */
const escapeAttr = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo app's pages and files. Pages are served under a strict CSP; the only inline scripts (the
 * README snippet, the import map) are allowed by their SHA-256 hash, the way a team with a CSP would.
 * @param {{ writeKey?: string }} options
 * @returns {(request: Request) => Promise<Response>}
 */
export function createStaticSite({ writeKey = '' }) {
  /** @type {Map<string, Promise<{ body: string, csp: string }>>} */
  const pages = new Map();
  const importMap = JSON.stringify({
    imports: {
      'nps-widget': '/dist/index.js',
      ...Object.fromEntries(Object.entries(VENDOR).map(([k, v]) => [k, '/vendor/' + v])),
    },
  });
  /** @param {string} name */
  const load = async (name) => {
    const html = (await readFile(new URL(name, PUBLIC), 'utf8'))
      .replace('"{{IMPORT_MAP}}"', () => importMap)
      .replace('{{WRITE_KEY}}', () => escapeAttr(writeKey));
    const hashes = [...html.matchAll(/<script(?: type="importmap")?>([\s\S]*?)<\/script>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
    );
    const csp = `default-src 'self'; script-src 'self' ${hashes.join(' ')}; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`;
    return { body: html, csp };
  };

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('method not allowed', { status: 405 });
    // /app/… are the routes of the single-page demo (app.html): a reload there serves the app again.
    const name = pathname === '/' ? 'index.html' : /^\/app(\/|$)/.test(pathname) ? 'app.html' : pathname.slice(1);
    if (/^[a-z-]+\.html$/.test(name) && existsSync(new URL(name, PUBLIC))) {
      if (!pages.has(name)) pages.set(name, load(name));
      const { body, csp } = await /** @type {Promise<{ body: string, csp: string }>} */ (pages.get(name));
      return new Response(body, {
        headers: {
          'content-type': TYPES.html,
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    }
    /** @type {URL | undefined} */
    let file;
    if (/^[a-z-]+\.(js|css|svg|png)$/.test(name) && existsSync(new URL(name, PUBLIC))) file = new URL(name, PUBLIC);
    else if (name.startsWith('vendor/')) {
      if (VENDOR_FILES.has(name.slice(7))) file = new URL('node_modules/' + name.slice(7), ROOT);
    }
    // The widget's builds: /nps.js (and anything it loads from beside itself) and /dist/… for the ESM page.
    else if (/^(dist\/)?[\w./-]+\.js(\.map)?$/.test(name) && !name.includes('..'))
      file = new URL('dist/' + name.replace(/^dist\//, ''), ROOT);
    if (!file || !existsSync(file))
      return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const type = TYPES[/** @type {string} */ (name.split('.').pop())] ?? 'application/octet-stream';
    return new Response(await readFile(file), {
      headers: { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' },
    });
  };
}

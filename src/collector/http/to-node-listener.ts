import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { RequestHandler } from './create-collector';
import { pathForLog, type RefusedRequest } from './refused-request';
import { isValidHost } from './same-origin';
import { SECURITY_HEADERS } from './security-headers';

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Trust a reverse proxy in front: the client address is the last `X-Forwarded-For` entry and the
   * scheme is `X-Forwarded-Proto` (so cookies get `Secure` behind a TLS-terminating proxy). Only
   * when every request passes through that proxy.
   * @default false
   */
  trustProxy?: boolean;
  /** Where a failure of the listener itself goes. @default console.error */
  log?: (message: string) => void;
  /**
   * Told of the requests the listener refuses before the handler sees them (a malformed target or
   * `Host`, TRACE), like the collector's own `onRefused`.
   * @default undefined
   */
  onRefused?: (refused: RefusedRequest) => void;
}

// Methods fetch's Request refuses to carry, and that nothing here answers.
const REFUSED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Mounts a fetch-style handler on Node's http server: IncomingMessage → Request, Response → reply.
 * The request URL is built from a fixed base (`http://localhost` or `https://localhost`) and the
 * origin-form target, never from the `Host` header; absolute-form targets, `*`, a malformed `Host`
 * and TRACE get a 4xx before the handler runs.
 * @example http.createServer(toNodeListener(createCollector(options), { trustProxy: process.env.TRUST_PROXY == '1' })).listen(5173);
 */
export function toNodeListener(
  handler: RequestHandler,
  { trustProxy = false, log = console.error, onRefused }: NodeListenerOptions = {},
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (onRefused)
      res.once('finish', () => {
        const reason = refusedByListener.get(res);
        if (reason !== undefined) onRefused(listenerRefusal(req, res.statusCode, reason));
      });
    void serve(handler, req, res, trustProxy).catch((error: unknown) => {
      log(`collector: request failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end();
    });
  };
}

// The replies the listener itself refused, with the reason, for onRefused.
const refusedByListener = new WeakMap<ServerResponse, string>();

/** A refusal of the listener's, as the collector's `onRefused` tells them: the path without its query. */
function listenerRefusal(req: IncomingMessage, status: number, reason: string): RefusedRequest {
  const origin = req.headers.origin;
  return {
    status,
    reason,
    method: req.method ?? 'GET',
    path: pathForLog((req.url ?? '/').split('?')[0] ?? '/').slice(0, 200),
    origin: typeof origin === 'string' ? origin : null,
    clientAddress: req.socket.remoteAddress ?? 'unknown',
  };
}

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  refusedByListener.set(res, message);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(JSON.stringify({ error: message }));
}

async function serve(handler: RequestHandler, req: IncomingMessage, res: ServerResponse, trustProxy: boolean) {
  const method = req.method ?? 'GET';
  const target = req.url ?? '/';
  const host = req.headers.host;
  if (REFUSED_METHODS.has(method))
    return refuse(res, 405, `${method} is not supported`, { allow: 'GET, HEAD, POST, PATCH, OPTIONS' });
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(res, 400, 'the request target must be a path');
  if (host != null && !isValidHost(host)) return refuse(res, 400, 'bad Host header');

  const forwarded = (name: string) =>
    String(req.headers[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
  const tls = 'encrypted' in req.socket && !!req.socket.encrypted;
  const https = trustProxy ? forwarded('x-forwarded-proto') === 'https' || tls : tls;
  const clientAddress = (trustProxy && forwarded('x-forwarded-for')) || req.socket.remoteAddress;

  const hasBody = method !== 'GET' && method !== 'HEAD';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (value != null) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  let request: Request;
  try {
    request = new Request(new URL(target, https ? 'https://localhost' : 'http://localhost'), {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      // @ts-expect-error: Node's fetch needs this for a streamed body; the DOM types do not know it
      duplex: 'half',
    });
  } catch {
    return refuse(res, 400, 'malformed request');
  }
  const response = await handler(request, { clientAddress });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  res.writeHead(response.status, out);
  if (response.body && method !== 'HEAD')
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(() => {}); // the client went away
  else res.end();
  // A refused body may still be arriving: drop the connection rather than read it.
  if (hasBody && !req.complete) req.destroy();
}

// @ts-check
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Mounts a fetch-style handler on Node's http server: IncomingMessage → Request, Response → reply.
 * The request URL is built from the Host header, so "same origin" means the address the browser used.
 * @param {(request: Request, info: { clientAddress?: string }) => Promise<Response>} handler
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 * @example http.createServer(toNodeListener(createCollector(options))).listen(5173, '127.0.0.1');
 */
export function toNodeListener(handler) {
  return (req, res) => {
    void (async () => {
      const hasBody = req.method != 'GET' && req.method != 'HEAD';
      /** @type {Record<string, string>} */
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) if (v != null) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
        method: req.method,
        headers,
        body: hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined,
        // @ts-ignore: Node's fetch needs this for a streamed body; the DOM types do not know it
        duplex: 'half',
      });
      const response = await handler(request, { clientAddress: req.socket.remoteAddress });
      /** @type {Record<string, string | string[]>} */
      const out = {};
      response.headers.forEach((v, k) => (out[k] = v));
      const cookies = response.headers.getSetCookie();
      if (cookies.length) out['set-cookie'] = cookies;
      res.writeHead(response.status, out);
      if (response.body && req.method != 'HEAD') await pipeline(Readable.fromWeb(/** @type {any} */ (response.body)), res).catch(() => {}); // the client went away
      else res.end();
      // A refused body may still be arriving: drop the connection rather than read it.
      if (hasBody && !req.complete) req.destroy();
    })().catch((e) => {
      console.error('collector: request failed:', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  };
}

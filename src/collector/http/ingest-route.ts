import type { Webhook } from '../alerts/webhook-options';
import type { ErasureKey } from '../erasure/erasure-key';
import { refuseErased } from '../erasure/refuse-erased';
import type { DashboardAuth } from './dashboard-auth';
import { HttpError } from './http-error';
import type { RateLimiter } from './rate-limiter';
import { readText } from './read-body';
import type { ResponseStore } from '../store/response-store';
import { isSameOrigin } from './same-origin';
import { sameSecret } from './same-secret';
import { jsonReply } from './security-headers';
import { validateBatch } from './validate-batch';

interface IngestOptions {
  store: ResponseStore;
  allowedOrigins: readonly string[];
  writeKey: string | undefined;
  maxBodyBytes: number;
  limiter: RateLimiter;
  auth: DashboardAuth;
  now: () => number;
  /** Alerts are recorded in the upsert's transaction for these. */
  webhooks: readonly Webhook[];
  /** Called after an upsert recorded alerts (the delivery loop is nudged; it never waits). */
  onAlerts: () => void;
  /** The key of erasure tombstones: records of erased identities are refused. */
  erasureKey: ErasureKey;
}

/**
 * `POST /api/nps`: the wire format. CORS for the collector's own origin and `allowedOrigins`,
 * the write key, a rate limit per client, the body limit, then per-record validation, the refusal of
 * records from erased identities (`erased`), and one upsert.
 */
export function createIngestRoute(options: IngestOptions) {
  /** CORS headers for the request's Origin, or undefined when it may not post here. */
  const corsFor = (request: Request): Record<string, string> | undefined => {
    const origin = request.headers.get('origin');
    // No Origin: not a browser page (curl, a server); the write key is what guards those.
    if (origin == null) return {};
    if (isSameOrigin(request)) return { vary: 'Origin' };
    if (options.allowedOrigins.includes(origin) || options.allowedOrigins.includes('*'))
      return { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' };
    return undefined;
  };

  async function ingest(request: Request, client: string): Promise<Response> {
    const wait = options.limiter.take(client);
    if (wait) throw new HttpError(429, 'too many requests', { 'retry-after': String(wait) });
    if (options.writeKey) {
      options.auth.checkNotLocked(client);
      if (!sameSecret(request.headers.get('x-nps-write-key'), options.writeKey)) {
        options.auth.fail(client);
        throw new HttpError(401, 'missing or wrong X-NPS-Write-Key header');
      }
    }
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? ''))
      throw new HttpError(415, 'Content-Type must be application/json');
    const text = await readText(request, options.maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
    const result = validateBatch(body, options.now());
    if ('error' in result) throw new HttpError(400, result.error);
    const { kept, refused } = await refuseErased(options.store.db.query, result.valid, options.erasureKey);
    const { rejected, alerts } = await options.store.upsert(kept, options.webhooks);
    if (alerts) options.onAlerts();
    return jsonReply(200, { rejected: [...result.rejected, ...refused, ...rejected] });
  }

  /** The reply, and the CORS headers every reply (errors included) must carry. */
  return async (
    request: Request,
    client: string,
  ): Promise<{ response?: Response; error?: unknown; cors: Record<string, string> }> => {
    const cors = corsFor(request);
    if (!cors) return { error: new HttpError(403, 'origin not allowed'), cors: {} };
    try {
      if (request.method === 'OPTIONS')
        return {
          cors,
          response: new Response(null, {
            status: 204,
            headers: {
              'access-control-allow-methods': 'POST',
              'access-control-allow-headers': 'Content-Type, X-NPS-Write-Key',
              'access-control-max-age': '600',
            },
          }),
        };
      if (request.method !== 'POST') throw new HttpError(405, 'use POST', { allow: 'POST, OPTIONS' });
      return { cors, response: await ingest(request, client) };
    } catch (error) {
      return { cors, error };
    }
  };
}

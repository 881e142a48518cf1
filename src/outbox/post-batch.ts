import { WIRE_VERSION, type BatchReply, type ResponseRecord } from '../core/wire';

/** What a request came back with: status, `Retry-After` header, and the reply body if it was JSON. */
export type Reply = [status: number, retryAfter: string | null, data?: BatchReply];

/** Where and how to send. */
export interface Transport {
  endpoint: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

/** The request body of one batch. */
export const batchBody = (responses: ResponseRecord[], now: number): string =>
  JSON.stringify({ v: WIRE_VERSION, sentAt: new Date(now).toISOString(), responses });

/**
 * POSTs one batch as JSON without cookies. Rejects on network errors and on timeout; the whole
 * reply is read inside the timeout so a 2xx whose body (with its `rejected` list) never arrives
 * counts as a failure, never as a delivery.
 * @param timeout abort the request (and the reading of its reply) after this many ms
 */
export async function postBatch(t: Transport, body: string, timeout: number, keepalive?: boolean): Promise<Reply> {
  const c = new AbortController();
  const timer = setTimeout(() => c.abort(), timeout);
  try {
    const r = await t.fetch(t.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...t.headers },
      credentials: 'omit',
      body,
      keepalive,
      signal: c.signal,
    });
    const text = await r.text();
    let data: BatchReply | undefined;
    try {
      data = JSON.parse(text);
    } catch {}
    return [r.status, r.headers.get('retry-after'), data];
  } finally {
    clearTimeout(timer);
  }
}

import { WIRE_VERSION, type BatchReply, type ResponseRecord } from '../core/wire';
import { startTimer } from './timer';

/** What a request came back with. `redirect` is set when the endpoint redirected: never a delivery. */
export interface Reply {
  status: number;
  /** The `Retry-After` header, when there is one. */
  retryAfter?: string | null;
  data?: BatchReply;
  redirect?: string;
}

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
 * POSTs one batch as JSON, without cookies and without a `Referer` (the page's URL and query
 * stay private). Redirects are not followed: an SSO login page or a trailing-slash hop that ends
 * in a 200 stored nothing. Rejects on network errors and on timeout; the timeout is the SDK's own
 * timer raced against the request, so it holds even when a page's `fetch` wrapper drops the
 * signal. The whole reply is read inside it, so a 2xx whose body (with its `rejected` list) never
 * arrives counts as a failure, never as a delivery.
 * @param timeout give up on the request (and the reading of its reply) after this many ms
 */
export async function postBatch(t: Transport, body: string, timeout: number, keepalive?: boolean): Promise<Reply> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = startTimer(() => {
      controller.abort();
      reject(new Error(`no reply within ${timeout} ms`));
    }, timeout);
  });
  const request = async (): Promise<Reply> => {
    const response = await t.fetch(t.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...t.headers },
      credentials: 'omit',
      redirect: 'manual',
      referrerPolicy: 'no-referrer',
      body,
      keepalive,
      signal: controller.signal,
    });
    // 'manual' gives an opaque redirect (status 0); a wrapper that follows anyway sets `redirected`.
    const redirect =
      response.type === 'opaqueredirect'
        ? 'a redirect'
        : response.redirected
          ? 'a redirect to ' + (response.url || 'another URL')
          : undefined;
    const text = redirect ? '' : await response.text();
    let data: BatchReply | undefined;
    try {
      data = JSON.parse(text);
    } catch {}
    return { status: response.status, retryAfter: response.headers?.get('retry-after'), data, redirect };
  };
  try {
    return await Promise.race([request(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

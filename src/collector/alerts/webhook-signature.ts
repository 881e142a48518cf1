import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a signed delivery carries. */
export const SIGNATURE_HEADER = 'X-NPS-Signature';
export const TIMESTAMP_HEADER = 'X-NPS-Timestamp';
export const DELIVERY_HEADER = 'X-NPS-Delivery';

/**
 * `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`: the value of `X-NPS-Signature`.
 * The timestamp is signed with the body, so a captured delivery cannot be replayed later.
 * @example signWebhook('a-long-shared-secret', '1795000000', '{"event":"detractor"}')
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Request headers as Node (`IncomingHttpHeaders`) or fetch (`Headers`) has them. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === lower) return Array.isArray(value) ? value[0] : value;
  return undefined;
}

/**
 * Checks a delivery on the receiving side: the signature over the raw body (as received, before
 * parsing) and a timestamp no further than `toleranceSeconds` from now. Compares in constant time.
 * @example
 * if (!verifyWebhook(process.env.WEBHOOK_SECRET, req.headers, rawBody)) return res.writeHead(401).end();
 */
export function verifyWebhook(
  secret: string,
  headers: HeadersLike,
  body: string,
  {
    toleranceSeconds = 300,
    now = Date.now,
  }: { /** @default 300 */ toleranceSeconds?: number; now?: () => number } = {},
): boolean {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

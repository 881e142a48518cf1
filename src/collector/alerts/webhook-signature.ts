import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './webhook-secret';

/** The Standard Webhooks headers every delivery carries (`webhook-signature` only when signed). */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/** A `webhook-signature` entry of the symmetric scheme: `v1,` and the base64 of a 32-byte HMAC-SHA256. */
const V1_SIGNATURE = /^v1,([A-Za-z0-9+/]{43}=)$/;
/** Longer headers are refused unread: a few signatures (key rotation) fit many times over. */
const LONGEST_SIGNATURE_HEADER = 4096;
const LONGEST_ID = 256;
/** Whole Unix seconds, as the header carries them (at most 15 digits, so the number is exact). */
const TIMESTAMP = /^\d{1,15}$/;

function hmac(secret: string, id: string, seconds: number, body: string | Uint8Array): Buffer {
  return createHmac('sha256', signingKey(secret)).update(`${id}.${seconds}.`).update(body).digest();
}

/**
 * The `webhook-signature` value of a delivery (Standard Webhooks, symmetric): `v1,` and the base64
 * HMAC-SHA256 of `<id>.<timestamp>.<body>` under the secret's key (see `signingKey`).
 * @example signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', 1795000000, '{"event":"detractor"}') // 'v1,…'
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${hmac(secret, id, timestamp, body).toString('base64')}`;
}

/** Request headers as Node (`IncomingHttpHeaders`) or fetch (`Headers`) has them. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** One header's value as text, whatever shape the headers come in; undefined when absent or not text. */
function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === name) {
      const first = Array.isArray(value) ? value[0] : value;
      return typeof first === 'string' ? first : undefined;
    }
  return undefined;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now, either way, in seconds. @default 300 */
  toleranceSeconds?: number;
  /** The receiver's clock. @default Date.now */
  now?: () => number;
}

/**
 * Checks a delivery on the receiving side, as Standard Webhooks specifies: `webhook-id` and
 * `webhook-timestamp` present, the timestamp within `toleranceSeconds` of now, and one of the
 * space-separated `webhook-signature` entries equal to `v1,<base64 HMAC-SHA256 of id.timestamp.body>`.
 * `body` is the raw body as received, before any parsing. Signatures are compared as equal-length
 * byte buffers in constant time; missing, oversized, non-ASCII or malformed headers answer false,
 * never throw. Use the `webhook-id` to drop deliveries you already handled (at least once).
 * @example
 * if (!verifyWebhook(process.env.WEBHOOK_SECRET, req.headers, rawBody)) return res.writeHead(401).end();
 */
export function verifyWebhook(
  secret: string,
  headers: HeadersLike,
  body: string | Uint8Array,
  { toleranceSeconds = 300, now = Date.now }: VerifyOptions = {},
): boolean {
  const id = headerValue(headers, WEBHOOK_HEADERS.id);
  const timestamp = headerValue(headers, WEBHOOK_HEADERS.timestamp);
  const signatures = headerValue(headers, WEBHOOK_HEADERS.signature);
  if (!id || id.length > LONGEST_ID || !timestamp || !TIMESTAMP.test(timestamp)) return false;
  if (!signatures || signatures.length > LONGEST_SIGNATURE_HEADER) return false;
  const seconds = Number(timestamp);
  if (Math.abs(Math.floor(now() / 1000) - seconds) > toleranceSeconds) return false;
  const expected = hmac(secret, id, seconds, body);
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const encoded = V1_SIGNATURE.exec(entry)?.[1];
    // Both sides are 32 bytes: the regular expression admits only the base64 of 32 bytes.
    if (encoded && timingSafeEqual(Buffer.from(encoded, 'base64'), expected)) matched = true;
  }
  return matched;
}

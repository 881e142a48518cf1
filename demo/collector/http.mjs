// @ts-check
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every page of the collector carries: no inline script or style, nothing framed or sniffed. */
export const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * A JSON response.
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });

/** An HTTP error that becomes a JSON `{ error }` response. */
export class HttpError extends Error {
  /** @param {number} status @param {string} message @param {Record<string, string>} [headers] */
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/**
 * Reads a request body as UTF-8 text, refusing more than `max` bytes without reading them all.
 * @param {Request} request
 * @param {number} max
 */
export async function readText(request, max) {
  const tooLarge = () => new HttpError(413, `body over ${max} bytes`, { connection: 'close' });
  if (Number(request.headers.get('content-length')) > max) throw tooLarge();
  const chunks = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.byteLength;
      if (size > max) {
        // Stop reading but do not cancel: cancelling can tear the connection down before the 413
        // goes out. The Node adapter drops the connection once the reply is sent.
        reader.releaseLock();
        throw tooLarge();
      }
      chunks.push(r.value);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'body is not UTF-8');
  }
}

const digest = (/** @type {string} */ s) => createHash('sha256').update(s).digest();

/**
 * Compares secrets in constant time (hashing first, so lengths leak nothing either).
 * @param {string | null | undefined} given
 * @param {string} expected
 */
export const sameSecret = (given, expected) => given != null && timingSafeEqual(digest(given), digest(expected));

/**
 * The value of the dashboard's session cookie: derived from the token, so the token itself never
 * sits in a cookie, and every session ends when the token changes.
 * @param {string} token
 */
export const sessionValue = (token) => createHmac('sha256', token).update('nps-dashboard-session').digest('base64url');

/**
 * One cookie of a request.
 * @param {Request} request
 * @param {string} name
 */
export const cookie = (request, name) => {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() == name) return part.slice(i + 1).trim();
  }
};

import { Buffer } from 'node:buffer';

/** How Standard Webhooks writes a symmetric secret: `whsec_` followed by the key in base64. */
const SECRET_PREFIX = 'whsec_';

/** Standard Webhooks keys are 24 to 64 bytes (192 to 512 bits). */
const KEY_BYTES = { min: 24, max: 64 };
/** A plain string secret is at least this many characters. */
const PLAIN_SECRET_MIN_LENGTH = 16;
/** Canonical base64 (padding included), as the Standard Webhooks libraries decode it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why `secret` cannot sign webhooks, as the end of a sentence ("… must be …"), or undefined when it can.
 * A `whsec_` secret must carry 24 to 64 bytes in base64; any other string is a plain secret of at
 * least 16 characters. The secret itself never appears in the message.
 * @example secretProblem('whsec_abc') // 'whsec_ followed by 24 to 64 bytes in base64 (the Standard Webhooks form)'
 */
export function secretProblem(secret: string): string | undefined {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    const bytes = BASE64.test(encoded) ? Buffer.from(encoded, 'base64').length : 0;
    if (bytes < KEY_BYTES.min || bytes > KEY_BYTES.max)
      return `${SECRET_PREFIX} followed by ${KEY_BYTES.min} to ${KEY_BYTES.max} bytes in base64 (the Standard Webhooks form)`;
    return undefined;
  }
  if (secret.length < PLAIN_SECRET_MIN_LENGTH)
    return `a string of at least ${PLAIN_SECRET_MIN_LENGTH} characters, or ${SECRET_PREFIX} followed by a key in base64`;
  return undefined;
}

/**
 * The HMAC key of a secret: the bytes after `whsec_` (base64-decoded), as every Standard Webhooks
 * library reads them; any other string is its own UTF-8 bytes (what those libraries call the raw format).
 * @example signingKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').length // 24
 */
export function signingKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX)
    ? Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

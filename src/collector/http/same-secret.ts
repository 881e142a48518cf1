import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares secrets in constant time (hashing first, so lengths leak nothing either). */
export const sameSecret = (given: string | null | undefined, expected: string): boolean =>
  given != null && timingSafeEqual(digest(given), digest(expected));

/** A one-way fingerprint of a secret, to store or compare without keeping the secret itself. */
export const fingerprint = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

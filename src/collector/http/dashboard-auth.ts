import { randomBytes } from 'node:crypto';
import { readCookie } from './cookies';
import { HttpError } from './http-error';
import type { RateLimiter } from './rate-limiter';
import type { ResponseStore } from '../store/response-store';
import { isSameOrigin } from './same-origin';
import { fingerprint, sameSecret } from './same-secret';

/** The dashboard's session cookie. */
const SESSION_COOKIE = 'nps_dashboard';

/** What {@link createDashboardAuth} needs. */
export interface DashboardAuthOptions {
  store: ResponseStore;
  token: string;
  /** Failed attempts per client address (token, cookie, write key): over it, every attempt gets 429. */
  failures: RateLimiter;
  sessionTtlMs: number;
  now: () => number;
}

/**
 * Who may read the dashboard API: `Authorization: Bearer <token>`, or a session cookie from the login
 * page. Sessions live in the database (so they expire and are revoked on every copy of the collector)
 * under the hash of their id, and end when the token changes. Failed attempts are rate-limited per
 * client address.
 */
export function createDashboardAuth({ store, token, failures, sessionTtlMs, now }: DashboardAuthOptions) {
  const tokenPrint = fingerprint(token);

  /** Throws 429 while `client` has used up its failed attempts. */
  const checkNotLocked = (client: string) => {
    const wait = failures.wait(client);
    if (wait)
      throw new HttpError(429, 'too many failed authentications from this address; try again later', {
        'retry-after': String(wait),
      });
  };

  /** Whether a session cookie's value names a live session of this token. */
  const sessionLive = async (session: string | undefined) =>
    session !== undefined && store.hasSession(fingerprint(session), tokenPrint, new Date(now()));

  return {
    checkNotLocked,
    /** Counts a failed attempt of `client`. */
    fail: (client: string) => void failures.take(client),

    /** Whether the request is authorised: false when it carries no credentials; 401 or 429 when wrong ones. */
    async authorised(request: Request, client: string): Promise<boolean> {
      const auth = request.headers.get('authorization');
      const session = readCookie(request, SESSION_COOKIE);
      if (!auth && !session) return false;
      checkNotLocked(client);
      const ok = auth ? /^Bearer /i.test(auth) && sameSecret(auth.slice(7).trim(), token) : await sessionLive(session);
      if (!ok) {
        failures.take(client);
        throw new HttpError(401, 'dashboard token required', { 'www-authenticate': 'Bearer realm="nps dashboard"' });
      }
      // Cookie auth on a write must come from our own pages (SameSite covers browsers; this covers the rest).
      if (!auth && request.method !== 'GET' && request.method !== 'HEAD' && !isSameOrigin(request))
        throw new HttpError(403, 'a cookie-authenticated change must come from the dashboard itself');
      return true;
    },

    /** Starts a session: the Set-Cookie value. */
    async startSession(secure: boolean): Promise<string> {
      const id = randomBytes(32).toString('base64url');
      await store.createSession(fingerprint(id), tokenPrint, new Date(now() + sessionTtlMs));
      return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(sessionTtlMs / 1000)}${secure ? '; Secure' : ''}`;
    },

    /** Revokes the request's session, if any: the Set-Cookie value that clears it. */
    async endSession(request: Request, secure: boolean): Promise<string> {
      const id = readCookie(request, SESSION_COOKIE);
      if (id) await store.deleteSession(fingerprint(id));
      return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
    },
  };
}

export type DashboardAuth = ReturnType<typeof createDashboardAuth>;

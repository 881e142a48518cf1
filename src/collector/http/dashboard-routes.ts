import type { DashboardAuth } from './dashboard-auth';
import { createDashboardFiles } from './dashboard-files';
import { HttpError } from './http-error';
import { readText } from './read-body';
import { isSameOrigin } from './same-origin';
import { sameSecret } from './same-secret';

const redirect = (location: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });

/**
 * Where to go after signing in: `next` when it is the dashboard page with or without a query
 * (`/dashboard`, `/dashboard?…`), else `/dashboard`. Only that path passes, so the login form cannot
 * be used as an open redirect (`//evil.example`, `https://…`, `/dashboard.evil.example`).
 */
function safeNext(next: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (!next || next.length > 4096 || /[\0-\x1f\\]/.test(next)) return '/dashboard';
  return /^\/dashboard(?:\?|$)/.test(next) ? next : '/dashboard';
}

const allow = (methods: string) => new HttpError(405, `use ${methods}`, { allow: methods });

/**
 * The dashboard's pages and files (`/dashboard`, `/dashboard/<file>`), and signing in and out
 * (`/login`, `POST /logout`). Answers undefined for paths that are not its own.
 */
export function createDashboardRoutes({
  auth,
  token,
  dashboardDir,
}: {
  auth: DashboardAuth;
  token: string;
  dashboardDir: string;
}) {
  const files = createDashboardFiles(dashboardDir);

  return async (request: Request, client: string): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const { pathname } = url;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const secure = url.protocol === 'https:';

    if (pathname.startsWith('/dashboard/')) {
      if (method !== 'GET') throw allow('GET, HEAD');
      return files.asset(pathname.slice('/dashboard/'.length));
    }
    if (pathname === '/dashboard') {
      if (method !== 'GET') throw allow('GET, HEAD');
      try {
        if (await auth.authorised(request, client)) return await files.page('index.html');
      } catch (error) {
        if (!(error instanceof HttpError) || error.status !== 401) throw error;
      }
      // Keep the query (a shared filtered view, an alert's `?response=`) through signing in.
      return redirect(url.search ? '/login?' + new URLSearchParams({ next: pathname + url.search }) : '/login');
    }
    if (pathname === '/login') {
      if (method === 'GET') return files.page('login.html');
      if (method !== 'POST') throw allow('GET, HEAD, POST');
      auth.checkNotLocked(client);
      const form = new URLSearchParams(await readText(request, 8192));
      const next = safeNext(form.get('next'));
      if (!sameSecret(form.get('token'), token)) {
        auth.fail(client);
        return redirect(
          '/login?' + new URLSearchParams(next === '/dashboard' ? { failed: '1' } : { failed: '1', next }),
        );
      }
      return redirect(next, { 'set-cookie': await auth.startSession(secure) });
    }
    if (pathname === '/logout') {
      if (method !== 'POST') throw allow('POST');
      // A cross-site form must not be able to sign the user out.
      if (!isSameOrigin(request)) throw new HttpError(403, 'sign out from the dashboard itself');
      return redirect('/login', { 'set-cookie': await auth.endSession(request, secure) });
    }
    return undefined;
  };
}

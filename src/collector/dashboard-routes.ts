import type { DashboardAuth } from './dashboard-auth';
import { createDashboardFiles } from './dashboard-files';
import { HttpError } from './http-error';
import { readText } from './read-body';
import { isSameOrigin } from './same-origin';
import { sameSecret } from './same-secret';

const redirect = (location: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });

const allow = (methods: string) => new HttpError(405, `use ${methods}`, { allow: methods });

/**
 * The dashboard's pages and files (`/dashboard`, `/dashboard/<file>`), and signing in and out
 * (`/login`, `POST /logout`). Answers undefined for paths that are not its own.
 */
export function createDashboardRoutes({ auth, token, dashboardDir }: { auth: DashboardAuth; token: string; dashboardDir: string }) {
  const files = createDashboardFiles(dashboardDir);

  return async (request: Request, client: string): Promise<Response | undefined> => {
    const url = new URL(request.url);
    const { pathname } = url;
    const method = request.method == 'HEAD' ? 'GET' : request.method;
    const secure = url.protocol == 'https:';

    if (pathname.startsWith('/dashboard/')) {
      if (method != 'GET') throw allow('GET, HEAD');
      return files.asset(pathname.slice('/dashboard/'.length));
    }
    if (pathname == '/dashboard') {
      if (method != 'GET') throw allow('GET, HEAD');
      try {
        if (await auth.authorised(request, client)) return await files.page('index.html');
      } catch (e) {
        if (!(e instanceof HttpError) || e.status != 401) throw e;
      }
      return redirect('/login');
    }
    if (pathname == '/login') {
      if (method == 'GET') return files.page('login.html');
      if (method != 'POST') throw allow('GET, HEAD, POST');
      auth.checkNotLocked(client);
      const given = new URLSearchParams(await readText(request, 4096)).get('token');
      if (!sameSecret(given, token)) {
        auth.fail(client);
        return redirect('/login?failed=1');
      }
      return redirect('/dashboard', { 'set-cookie': await auth.startSession(secure) });
    }
    if (pathname == '/logout') {
      if (method != 'POST') throw allow('POST');
      // A cross-site form must not be able to sign the user out.
      if (!isSameOrigin(request)) throw new HttpError(403, 'sign out from the dashboard itself');
      return redirect('/login', { 'set-cookie': await auth.endSession(request, secure) });
    }
    return undefined;
  };
}

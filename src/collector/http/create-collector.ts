import { fileURLToPath } from 'node:url';

import type { AlertDeliveryOptions } from '../alerts/delivery-options';
import { resolveWebhooks, type WebhookOptions } from '../alerts/webhook-options';
import { startAlertDelivery } from '../alerts/start-alert-delivery';
import { checkErasureSecret, erasureKey } from '../erasure/erasure-key';
import { createDashboardAuth } from './dashboard-auth';
import { createDashboardRoutes } from './dashboard-routes';
import type { FailedAlertAttempt } from '../alerts/failed-attempt-log';
import { createHealthRoute } from './health-route';
import { failureReply } from './failure-reply';
import { HttpError } from './http-error';
import { createIngestRoute } from './ingest-route';
import { createRateLimiter, type RateLimit } from './rate-limiter';
import { createReadApi } from './read-api';
import type { RefusedRequest } from './refused-request';
import { startRollupMaintenance } from '../rollups/rollup-maintenance';
import { checkSegmentKeys } from '../rollups/segment-keys';
import type { ResponseStore } from '../store/response-store';
import { resolveThemeOptions, type ThemeOptions } from '../themes/theme-options';
import { withSecurityHeaders } from './security-headers';

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** Where responses (and dashboard sessions) go: {@link createResponseStore}. */
  store: ResponseStore;
  /** The Bearer token of the dashboard and its read API (and the login page's password). */
  dashboardToken: string;
  /**
   * Origins besides the collector's own that may `POST /api/nps` (CORS); `"*"` allows any.
   * @default []
   */
  allowedOrigins?: readonly string[];
  /** When set, `POST /api/nps` needs it in the `X-NPS-Write-Key` header. @default undefined */
  writeKey?: string;
  /** Larger bodies get 413. @default 262144 */
  maxBodyBytes?: number;
  /** Requests to `POST /api/nps` per client address. @default { limit: 120, windowMs: 60000 } */
  rateLimit?: RateLimit;
  /**
   * Failed authentications (dashboard token, session cookie, write key) per client address, on every
   * route; over it, every attempt gets 429 until the bucket refills.
   * @default { limit: 10, windowMs: 60000 }
   */
  authFailureLimit?: RateLimit;
  /** How long a dashboard sign-in lasts; sessions expire on the server. @default 43200000 (12 hours) */
  sessionTtlMs?: number;
  /**
   * The built dashboard (`index.html`, `login.html` and its assets).
   * @default the `dashboard/` folder beside the collector's build (`dist/dashboard/`)
   */
  dashboardDir?: string;
  /**
   * Where to POST an alert when a response comes in (by default when a detractor answers): each one
   * is recorded in the same transaction as the response, then delivered at least once, signed, and
   * retried for 24 hours by a loop that runs while the collector does (see src/collector/README.md, "Alerts").
   * @default []
   * @example webhooks: [{ url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET, on: 'detractor', format: 'slack' }]
   */
  webhooks?: readonly WebhookOptions[];
  /**
   * The collector's public base URL, for the link to the response in every alert
   * (`<dashboardUrl>/dashboard?response=<id>`). Without it, alerts carry no link.
   * @example 'https://nps.example.com'
   */
  dashboardUrl?: string;
  /**
   * The key of erasure tombstones: after `DELETE /api/users/:userId`, the collector keeps keyed hashes
   * (HMAC-SHA256 with this secret) of the erased user id and anonymous ids, never the ids, and
   * refuses their records shown before the erasure. At least 16 characters. Changing it forgets the
   * tombstones made with the old one. The demo and the production server read `ERASURE_SECRET`.
   * @default a random secret, generated once and kept in the database (table `nps_erasure_key`)
   */
  erasureSecret?: string;
  /**
   * Trait keys rolled up for segments (`GET /api/stats?segment=`), e.g. `['plan', 'country']`: the
   * `SEGMENT_KEYS` setting. Each one adds a few rows to every upsert; `segment=` another key is a
   * 400 naming the declared ones, and `GET /api/segments` suggests keys seen in recent responses. A
   * key added later is built from the stored responses in the background (its `bySegment` is
   * `segmentPending` meanwhile); a key left out is dropped with its rollup. Every collector on one
   * database should use the same list. Undefined: the keys declared before stay as they are.
   * @default undefined
   * @example segmentKeys: process.env.SEGMENT_KEYS?.split(',').map((key) => key.trim()).filter(Boolean)
   */
  segmentKeys?: readonly string[];
  /** Tuning and test seams of the alert delivery loop (fetch, timers, intervals). @default {} */
  alertDelivery?: Omit<AlertDeliveryOptions, 'db' | 'webhooks' | 'dashboardUrl'>;
  /**
   * How `GET /api/themes` compares detractors' comments with promoters': the sample, the minimums
   * and the prior's weight (see src/collector/README.md, "Themes").
   * @default { sampleSize: 20000, minComments: 20, minMentions: 5, priorPerComment: 1 }
   */
  themes?: ThemeOptions;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Where server errors go. @default console.error */
  log?: (message: string) => void;
  /**
   * Told of every refused request (a 4xx reply: origin, write key, token, body, rate limit…), with
   * its status, reason, origin and client address, never its content: one log line each.
   * `createLogLines` writes the production server's lines.
   * @default undefined (nothing is logged)
   * @example onRefused: (r) => console.warn(`refused ${r.status} ${r.method} ${r.path}: ${r.reason} (origin ${r.origin})`)
   */
  onRefused?: (refused: RefusedRequest) => void;
  /**
   * Told of every failed attempt to deliver an alert (a reply that is not 2xx, or none); the alert
   * is retried as usual.
   * @default undefined (nothing is logged)
   * @example onAlertFailed: (a) => console.warn(`alert ${a.alertId} to ${a.webhook} failed: ${a.error}`)
   */
  onAlertFailed?: (attempt: FailedAlertAttempt) => void;
}

/** Facts about a request that a `Request` cannot carry; {@link toNodeListener} fills them in. */
export interface RequestInfo {
  /** The client's address: what rate limits key on. */
  clientAddress?: string;
}

/** A fetch-style handler, such as the collector: what {@link toNodeListener} serves. */
export type RequestHandler = (request: Request, info?: RequestInfo) => Promise<Response>;

/** The collector as a fetch-style handler, with `close()` to stop its alert delivery loop. */
export interface Collector extends RequestHandler {
  /**
   * Stops the alert delivery loop (alerts in flight are handed back for the next start) and the
   * rollups' background work; the database stays open.
   */
  close(): Promise<void>;
  /**
   * Whether a request comes from someone signed in to the dashboard (its session cookie) or carries
   * the dashboard token (`Authorization: Bearer …`): for pages of your own that only the team may
   * see. Never throws; wrong credentials count against the failed-attempt limit like everywhere else.
   * @example if (!(await collector.signedIn(request, { clientAddress }))) return Response.redirect('/login', 303);
   */
  signedIn(request: Request, info?: RequestInfo): Promise<boolean>;
}

/** Paths the collector answers; everything else is for the host app. */
export const COLLECTOR_PATHS = /^\/(api\/|dashboard(\/|$)|login$|logout$|healthz$)/;

const DEFAULT_DASHBOARD_DIR = () => fileURLToPath(new URL('../dashboard/', import.meta.url));

/** The reply as sent: with the security headers, and without its body for `HEAD`. */
async function finished(request: Request, reply: Response): Promise<Response> {
  const response = withSecurityHeaders(reply);
  if (request.method !== 'HEAD') return response;
  await response.body?.cancel();
  return new Response(null, { status: response.status, headers: response.headers });
}

/**
 * The collector as a fetch-style handler, `(Request) => Promise<Response>`, for Node's http server
 * ({@link toNodeListener}), Deno, Bun, workers or any framework that speaks Request/Response. Serves
 * `POST /api/nps` (the wire format), the dashboard, sign-in, and the dashboard's read and
 * close-the-loop API, every reply with the security headers. With `webhooks`, it also runs the alert
 * delivery loop until `close()`.
 * @example
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.data' });
 * await migrate(db);
 * const collector = createCollector({ store: createResponseStore(db), dashboardToken: process.env.DASHBOARD_TOKEN! });
 * http.createServer(toNodeListener(collector)).listen(5173);
 */
export function createCollector(options: CollectorOptions): Collector {
  const { store, dashboardToken: token, now = Date.now, log = console.error } = options;
  if (!token) throw new TypeError('createCollector: dashboardToken is required');
  // A bad key is refused here, not later by the maintenance in the background.
  if (options.segmentKeys !== undefined) checkSegmentKeys(options.segmentKeys);
  const webhooks = resolveWebhooks(options.webhooks);
  const { onRefused } = options;
  checkErasureSecret(options.erasureSecret);
  const tombstoneKey = erasureKey(store.db.query, options.erasureSecret || undefined);
  const delivery = startAlertDelivery({
    ...options.alertDelivery,
    db: store.db,
    webhooks,
    dashboardUrl: options.dashboardUrl,
    onAlertFailed: options.onAlertFailed,
  });
  const maintenance = startRollupMaintenance({ db: store.db, segmentKeys: options.segmentKeys, log });
  const auth = createDashboardAuth({
    store,
    token,
    now,
    failures: createRateLimiter(options.authFailureLimit ?? { limit: 10, windowMs: 60_000 }, now),
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
  });
  const ingest = createIngestRoute({
    store,
    auth,
    now,
    allowedOrigins: options.allowedOrigins ?? [],
    writeKey: options.writeKey || undefined,
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    limiter: createRateLimiter(options.rateLimit ?? { limit: 120, windowMs: 60_000 }, now),
    webhooks,
    onAlerts: () => delivery?.nudge(),
    erasureKey: tombstoneKey,
  });
  const dashboard = createDashboardRoutes({
    auth,
    token,
    dashboardDir: options.dashboardDir ?? DEFAULT_DASHBOARD_DIR(),
  });
  const readApi = createReadApi(store, now, tombstoneKey, resolveThemeOptions(options.themes));
  const health = createHealthRoute({ db: store.db });

  async function route(request: Request, client: string): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) return health();
    const page = await dashboard(request, client);
    if (page) return page;
    if (!pathname.startsWith('/api/')) throw new HttpError(404, 'not found');
    await maintenance.ready;
    if (!(await auth.authorised(request, client)))
      throw new HttpError(401, 'dashboard token required', { 'www-authenticate': 'Bearer realm="nps dashboard"' });
    const reply = await readApi(request);
    if (!reply) throw new HttpError(404, 'not found');
    return reply;
  }

  // A refusal (a 4xx) is reported to onRefused (the server's log line); a fault is logged with its stack.
  const failure = (request: Request, client: string, error: unknown) =>
    failureReply(request, error, log, onRefused, client);

  async function collector(request: Request, info: RequestInfo = {}): Promise<Response> {
    const client = info.clientAddress ?? 'unknown';
    let response: Response;
    if (new URL(request.url).pathname === '/api/nps') {
      const { response: ok, error, cors } = await ingest(request, client);
      response = ok ?? failure(request, client, error);
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    } else {
      response = await route(request, client).catch((error: unknown) => failure(request, client, error));
    }
    return finished(request, response);
  }

  const signedIn = (request: Request, info: RequestInfo = {}) =>
    auth.authorised(request, info.clientAddress ?? 'unknown').catch(() => false);
  const close = async () => {
    await Promise.all([delivery?.stop(), maintenance.stop()]);
  };
  return Object.assign(collector, { close, signedIn });
}

import { createServer } from 'node:http';
import { COLLECTOR_PATHS, type Collector, type CollectorOptions, createCollector } from '../http/create-collector';
import { jsonReply } from '../http/security-headers';
import { toNodeListener } from '../http/to-node-listener';
import type { Database } from '../store/database';
import { createResponseStore, type ResponseStore } from '../store/response-store';
import { ServerDrain } from './drain-server';
import { listen } from './listen';
import { createLogLines, type LogLines } from './log-lines';
import { describeStorage, isFirstStart, openStorage } from './open-storage';
import type { ServerSettings } from './server-settings';

/** What a host adds to the server: the demo adds its pages and its own webhook receiver. */
export interface ServerExtras {
  /**
   * Answers requests outside the collector's paths first (`undefined`: not mine); unset, they get 404.
   * `signedIn` says whether the request carries the dashboard's session or token.
   */
  site?: (request: Request, signedIn: () => Promise<boolean>) => Promise<Response | undefined>;
  /** Collector options over those the settings give, from the server's URL once it listens. */
  collectorOptions?: (url: string) => Partial<CollectorOptions>;
  /** @default createLogLines({ format: settings.logFormat }) */
  log?: LogLines;
  /** Called before the database is opened; `firstStart` when PGlite creates it now (slow). */
  onOpening?: (firstStart: boolean) => void;
}

/** A running `nps-collector`. */
export interface RunningServer {
  /** e.g. `http://0.0.0.0:5173` (the port actually bound). */
  url: string;
  port: number;
  /** e.g. `PGlite in .data/`. */
  storage: string;
  firstStart: boolean;
  store: ResponseStore;
  /**
   * Stops accepting, finishes the requests in flight (cutting what is left after `deadlineMs`), stops
   * the alert delivery loop and closes the database (releasing the PGlite lock).
   */
  stop(deadlineMs?: number): Promise<{ forced: boolean }>;
}

const STARTING = () => jsonReply(503, { error: 'starting' }, { 'retry-after': '1' });

/** The collector's options from the settings, then the host's. */
function collectorOptionsOf(settings: ServerSettings, store: ResponseStore, log: LogLines): CollectorOptions {
  return {
    store,
    dashboardToken: settings.dashboardToken,
    allowedOrigins: settings.allowedOrigins,
    writeKey: settings.writeKey,
    rateLimit: { limit: settings.rateLimit, windowMs: 60_000 },
    webhooks: settings.webhooks,
    dashboardUrl: settings.publicUrl,
    erasureSecret: settings.erasureSecret,
    segmentKeys: settings.segmentKeys,
    onRefused: log.refused,
    onAlertFailed: log.alertFailed,
  };
}

/**
 * Runs the collector and the dashboard on `settings.port`: takes the port first (a port in use
 * fails before the database is touched), opens and migrates the database, then serves. Requests
 * that come meanwhile get 503 with `Retry-After`.
 * @example const server = await startServer(readServerSettings(process.env)); process.once('SIGTERM', () => server.stop());
 */
export async function startServer(settings: ServerSettings, extras: ServerExtras = {}): Promise<RunningServer> {
  const log = extras.log ?? createLogLines({ format: settings.logFormat });
  let collector: Collector | undefined;
  const handler = async (request: Request, info?: { clientAddress?: string }) => {
    if (!COLLECTOR_PATHS.test(new URL(request.url).pathname)) {
      const page = await extras.site?.(request, async () => (collector ? collector.signedIn(request, info) : false));
      if (page) return page;
    }
    return collector ? collector(request, info) : STARTING();
  };
  const server = createServer(toNodeListener(handler, { trustProxy: settings.trustProxy, onRefused: log.refused }));
  const drain = new ServerDrain(server);
  const port = await listen(server, settings.port, settings.host);
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  let db: Database | undefined;
  try {
    const firstStart = isFirstStart(settings);
    extras.onOpening?.(firstStart);
    db = await openStorage(settings);
    const store = createResponseStore(db);
    collector = createCollector({ ...collectorOptionsOf(settings, store, log), ...extras.collectorOptions?.(url) });
    const running = { collector, db };
    return {
      url,
      port,
      storage: describeStorage(settings),
      firstStart,
      store,
      async stop(deadlineMs = 8000) {
        const [outcome] = await Promise.all([drain.drain(deadlineMs), running.collector.close()]);
        await running.db.close();
        return outcome;
      },
    };
  } catch (error) {
    await db?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
}

import { createLogLines, type LogLines } from './log-lines';
import { type ServerEnv, type ServerSettings, readServerSettings } from './server-settings';
import { type RunningServer, startServer } from './start-server';

/** The process around the command: where its output goes, its signals, and how it ends. */
export interface CommandProcess {
  env: ServerEnv;
  /** One line of output. */
  out(line: string): void;
  /** One line about a failure to start. */
  err(line: string): void;
  /** Registers a one-time handler of SIGTERM or SIGINT. */
  onSignal(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code: number): void;
  /** A timer that must not keep the process alive. */
  setTimeout(run: () => void, ms: number): void;
}

/** Requests in flight get this long after SIGTERM; then they are cut, and the process exits within 10 s. */
const DRAIN_MS = 8000;
/** If stopping itself hangs (a database that never answers), the process exits anyway at this point. */
const HARD_STOP_MS = 9500;

function describe(settings: ServerSettings, server: RunningServer): Record<string, string> {
  const webhook = settings.webhooks[0];
  return {
    storage: server.storage,
    allowedOrigins: settings.allowedOrigins.join(', ') || 'none besides its own (set ALLOWED_ORIGINS)',
    writeKey: settings.writeKey ? 'required (X-NPS-Write-Key)' : 'not required (set NPS_WRITE_KEY)',
    dashboard: `${server.url}/dashboard`,
    dashboardToken: settings.tokenGenerated
      ? `${settings.dashboardToken} (random; set DASHBOARD_TOKEN to keep one)`
      : 'from DASHBOARD_TOKEN',
    alerts: webhook
      ? `${new URL(webhook.url).origin}/…, on ${webhook.on}, ${webhook.format}, ${webhook.secret ? 'signed' : 'unsigned'}`
      : 'off (set WEBHOOK_URL)',
    trustProxy: settings.trustProxy ? 'yes (X-Forwarded-For, X-Forwarded-Proto)' : 'no',
  };
}

/**
 * On SIGTERM or SIGINT: drain, close, exit 0 (1 when connections had to be cut or stopping failed).
 * A signal during start-up stops the server as soon as it has started.
 */
function stopOnSignals(started: Promise<RunningServer | undefined>, log: LogLines, io: CommandProcess): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping; finishing requests in flight`);
    io.setTimeout(() => {
      log.warn('stopping took too long: exiting');
      io.exit(1);
    }, HARD_STOP_MS);
    const server = await started;
    if (!server) return; // it failed to start, and says so
    try {
      const { forced } = await server.stop(DRAIN_MS);
      if (forced) log.warn(`requests still open after ${DRAIN_MS} ms were cut`);
      log.info('stopped');
      io.exit(forced ? 1 : 0);
    } catch (error) {
      log.warn(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      io.exit(1);
    }
  };
  io.onSignal('SIGTERM', () => void stop('SIGTERM'));
  io.onSignal('SIGINT', () => void stop('SIGINT'));
}

/**
 * `nps-collector`: reads the settings from the environment, starts the server, logs what it runs
 * with, and stops cleanly on SIGTERM/SIGINT. A bad setting or a failed start prints one line naming
 * the problem and exits 1.
 * @example await runCommand(nodeProcess());
 */
export async function runCommand(io: CommandProcess): Promise<RunningServer | undefined> {
  let settings: ServerSettings;
  try {
    settings = readServerSettings(io.env);
  } catch (error) {
    io.err(`nps-collector: ${error instanceof Error ? error.message : String(error)}`);
    io.exit(1);
    return undefined;
  }
  const log = createLogLines({ format: settings.logFormat, write: io.out });
  const started = startServer(settings, {
    log,
    onOpening: (first) => log.info(`opening the database${first ? ' (the first start creates it: a while)' : ''}`),
  }).then(
    (server) => {
      log.info(`nps-collector listening on ${server.url}`, describe(settings, server));
      return server;
    },
    (error: unknown) => {
      io.err(`nps-collector: could not start: ${error instanceof Error ? error.message : String(error)}`);
      io.exit(1);
      return undefined;
    },
  );
  stopOnSignals(started, log, io);
  return started;
}

/** The real process: stdout, stderr, its signals, `process.exit`, unref'd timers. */
export function nodeProcess(): CommandProcess {
  return {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    onSignal: (signal, handler) => process.once(signal, handler),
    exit: (code) => process.exit(code),
    setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  };
}

import type { FailedAlertAttempt } from '../alerts/failed-attempt-log';
import type { RefusedRequest } from '../http/refused-request';

/** How log lines are written: `text` for people, `json` (one object per line) for log pipelines. */
export type LogFormat = 'text' | 'json';

/** Every log format, in the order error messages list them. */
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** Options of {@link createLogLines}. */
export interface LogLinesOptions {
  /** @default 'text' */
  format?: LogFormat;
  /** Where each line goes (without its newline). @default console.log */
  write?: (line: string) => void;
  /** Clock, for each line's time. @default Date.now */
  now?: () => number;
}

/** The collector's log: what the production server writes, one line per entry. */
export interface LogLines {
  /** A refused request: pass it as the collector's `onRefused`. */
  refused(refused: RefusedRequest): void;
  /** A failed alert delivery attempt: pass it as the collector's `onAlertFailed`. */
  alertFailed(attempt: FailedAlertAttempt): void;
  /** Anything else the server says (starting, listening, stopping), with its level. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** A problem that does not stop the server. */
  warn(message: string, fields?: Record<string, unknown>): void;
}

// As text, a message's fields follow it, one indented line each (the start-up banner).
const withFields = (message: string, fields: Record<string, unknown>) =>
  message +
  Object.entries(fields)
    .map(([name, value]) => `\n  ${name}: ${String(value)}`)
    .join('');

/**
 * One line per entry, as text (`2026-05-04T10:00:00.000Z refused 403 POST /api/nps: origin not allowed
 * (origin https://evil.example, client 203.0.113.9)`) or as JSON (`{"time":…,"level":"warn",
 * "event":"refused","status":403,…}`). Never a record's content: refusals carry their status, reason,
 * origin and client address; failed alerts their id, the webhook's origin and the error.
 * @example
 * const log = createLogLines({ format: process.env.LOG_FORMAT === 'json' ? 'json' : 'text' });
 * const collector = createCollector({ store, dashboardToken, onRefused: log.refused, onAlertFailed: log.alertFailed });
 */
export function createLogLines({
  format = 'text',
  write = console.log,
  now = Date.now,
}: LogLinesOptions = {}): LogLines {
  const line = (level: 'info' | 'warn', event: string, text: string, fields: Record<string, unknown>) => {
    const time = new Date(now()).toISOString();
    write(format === 'json' ? JSON.stringify({ time, level, event, ...fields }) : `${time} ${text}`);
  };
  return {
    refused: (r) =>
      line(
        'warn',
        'refused',
        `refused ${r.status} ${r.method} ${r.path}: ${r.reason} (origin ${r.origin ?? 'none'}, client ${r.clientAddress})`,
        { ...r },
      ),
    alertFailed: (a) =>
      line('warn', 'alert-failed', `alert ${a.alertId ?? '(no id)'} to ${a.webhook} failed: ${a.error}`, { ...a }),
    info: (message, fields = {}) => line('info', 'server', withFields(message, fields), { message, ...fields }),
    warn: (message, fields = {}) => line('warn', 'server', withFields(message, fields), { message, ...fields }),
  };
}

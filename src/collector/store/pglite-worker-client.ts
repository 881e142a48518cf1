import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DatabaseUnavailableError } from './database-unavailable';
import { pgliteWorkerMain, type WorkerError, type WorkerReply, type WorkerRequest } from './pglite-worker-main';

/** What {@link startPgliteWorker} needs. */
export interface PgliteWorkerSettings {
  dataDir: string;
  /** How long a request may wait for its answer, in milliseconds, unless it says otherwise; 0: no limit. */
  statementTimeoutMs: number;
  /** A worker that has not answered for this long is stopped and started again (0: never; never in memory). */
  restartAfterMs: number;
  log: (message: string) => void;
}

/** A request without its id, which the client gives it. */
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type Answer = Extract<WorkerReply, { kind: 'reply' }>;

interface Waiting {
  resolve(answer: Answer): void;
  reject(error: unknown): void;
  since: number;
  /** Set once the caller stopped waiting: a late `begin` must then be rolled back at once. */
  abandoned: boolean;
}

/** PGlite's module, resolved where the collector finds it, for the worker to import. */
const pgliteUrl = () => pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;

const BOOTSTRAP = `const { parentPort, workerData } = require('node:worker_threads');
import(workerData.pgliteUrl).then((pglite) => (${pgliteWorkerMain.toString()})(pglite, parentPort, workerData.dataDir));`;

/** An Error from a worker's error, with its PostgreSQL fields (`code`, …). */
const asError = (error: WorkerError): Error => Object.assign(new Error(error.message), error);

/** The client side of the PGlite worker: requests with timeouts, and a watchdog that restarts a stuck worker. */
export interface PgliteWorker {
  /** Sends a request; rejects with a `DatabaseUnavailableError` after `timeoutMs` (0: no limit). */
  request(request: Request, timeoutMs: number): Promise<Answer>;
  /** Closes PGlite and stops the worker. */
  close(): Promise<void>;
}

/**
 * Runs PGlite in a worker thread: the collector's thread stays free while a query runs (static
 * files, other routes, timers), and a query that does not answer in time gives a
 * `DatabaseUnavailableError` instead of a request that hangs. PGlite ignores `statement_timeout`, so
 * a worker that has not answered for `restartAfterMs` is stopped and opened again from its data
 * directory (an in-memory database is never restarted: it would come back empty).
 */
export async function startPgliteWorker(settings: PgliteWorkerSettings): Promise<PgliteWorker> {
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let worker: Worker;
  let ready: Promise<void>;
  let closing = false;
  let restarting = false;
  const restarts = settings.restartAfterMs > 0 && !settings.dataDir.startsWith('memory://');

  const failAll = (message: string) => {
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      entry.reject(new DatabaseUnavailableError(message));
    }
  };

  function onReply(reply: WorkerReply): void {
    if (reply.kind !== 'reply') return;
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (entry?.abandoned && reply.transaction !== undefined)
      void send({ kind: 'end', transaction: reply.transaction, commit: false }, 0).catch(() => {});
    if (!entry || entry.abandoned) return;
    if (reply.error) entry.reject(asError(reply.error));
    else entry.resolve(reply);
  }

  /** A new worker; settles when PGlite is open in it. */
  function start(): Promise<void> {
    const started = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { pgliteUrl: pgliteUrl(), dataDir: settings.dataDir },
    });
    worker = started;
    started.on('exit', () => {
      if (started === worker && !closing && !restarting) failAll('the PGlite worker stopped');
    });
    return new Promise((resolve, reject) => {
      started.once('message', (first: WorkerReply) => {
        if (first.kind === 'failed') reject(asError(first.error));
        else resolve();
        started.on('message', onReply);
      });
      started.once('error', reject);
    });
  }

  /**
   * Stops a stuck worker and opens PGlite again (its recovery replays the write-ahead log). Requests
   * wait for the new worker meanwhile (within their own timeouts); none is sent to the old one.
   */
  function restart(reason: string): void {
    if (restarting) return;
    restarting = true;
    settings.log(`collector: ${reason}; restarting PGlite from ${settings.dataDir}`);
    const stuck = worker;
    failAll(reason);
    ready = stuck
      .terminate()
      .then(start)
      .finally(() => {
        restarting = false;
      });
    ready.catch((error: unknown) => settings.log(`collector: PGlite did not start again: ${String(error)}`));
  }

  // Abandoned requests count too: the worker is still running them.
  const watchdog = setInterval(
    () => {
      const oldest = Math.min(...[...waiting.values()].map((entry) => entry.since));
      if (Date.now() - oldest > settings.restartAfterMs)
        restart(`PGlite has not answered for ${settings.restartAfterMs} ms`);
    },
    Math.max(50, Math.min(1000, settings.restartAfterMs / 4)),
  );
  if (!restarts) clearInterval(watchdog);
  watchdog.unref();

  function send(request: Request, timeoutMs: number): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const entry: Waiting = {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        since: Date.now(),
        abandoned: false,
      };
      if (timeoutMs) {
        timer = setTimeout(() => {
          entry.abandoned = true;
          reject(new DatabaseUnavailableError(`PGlite did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        timer.unref();
      }
      ready.then(
        () => {
          if (entry.abandoned) return;
          const id = nextId++;
          entry.since = Date.now();
          waiting.set(id, entry);
          worker.postMessage({ ...request, id });
        },
        (error: unknown) => entry.reject(new DatabaseUnavailableError('PGlite could not start', 5, { cause: error })),
      );
    });
  }

  ready = start();
  await ready;
  return {
    request: send,
    async close() {
      closing = true;
      clearInterval(watchdog);
      await send({ kind: 'close' }, settings.statementTimeoutMs).catch(() => {});
      await worker.terminate();
      failAll('the PGlite database was closed');
    },
  };
}

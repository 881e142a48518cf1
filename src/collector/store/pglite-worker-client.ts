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

/** The client side of one PGlite worker thread (see {@link startPgliteWorker}). */
class PgliteWorkerClient implements PgliteWorker {
  readonly #settings: PgliteWorkerSettings;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #worker!: Worker;
  /** Settles when PGlite is open in the current worker. */
  ready: Promise<void>;
  #closing = false;
  #restarting = false;
  readonly #watchdog: NodeJS.Timeout | undefined;

  constructor(settings: PgliteWorkerSettings) {
    this.#settings = settings;
    this.ready = this.#start();
    // An in-memory database is never restarted: it would come back empty.
    if (settings.restartAfterMs > 0 && !settings.dataDir.startsWith('memory://')) {
      const every = Math.max(50, Math.min(1000, settings.restartAfterMs / 4));
      this.#watchdog = setInterval(() => this.#checkStuck(), every);
      this.#watchdog.unref();
    }
  }

  request(request: Request, timeoutMs: number): Promise<Answer> {
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
      this.ready.then(
        () => this.#post(request, entry),
        (error: unknown) => entry.reject(new DatabaseUnavailableError('PGlite could not start', 5, { cause: error })),
      );
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#watchdog);
    await this.request({ kind: 'close' }, this.#settings.statementTimeoutMs).catch(() => {});
    await this.#worker.terminate();
    this.#failAll('the PGlite database was closed');
  }

  #post(request: Request, entry: Waiting): void {
    if (entry.abandoned) return;
    const id = this.#nextId++;
    entry.since = Date.now();
    this.#waiting.set(id, entry);
    this.#worker.postMessage({ ...request, id });
  }

  #failAll(message: string): void {
    for (const [id, entry] of this.#waiting) {
      this.#waiting.delete(id);
      entry.reject(new DatabaseUnavailableError(message));
    }
  }

  #onReply(reply: WorkerReply): void {
    if (reply.kind !== 'reply') return;
    const entry = this.#waiting.get(reply.id);
    this.#waiting.delete(reply.id);
    if (entry?.abandoned && reply.transaction !== undefined)
      void this.request({ kind: 'end', transaction: reply.transaction, commit: false }, 0).catch(() => {});
    if (!entry || entry.abandoned) return;
    if (reply.error) entry.reject(asError(reply.error));
    else entry.resolve(reply);
  }

  /** A new worker; settles when PGlite is open in it. */
  #start(): Promise<void> {
    const started = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { pgliteUrl: pgliteUrl(), dataDir: this.#settings.dataDir },
    });
    this.#worker = started;
    started.on('exit', () => {
      if (started === this.#worker && !this.#closing && !this.#restarting) this.#failAll('the PGlite worker stopped');
    });
    return new Promise((resolve, reject) => {
      started.once('message', (first: WorkerReply) => {
        if (first.kind === 'failed') reject(asError(first.error));
        else resolve();
        started.on('message', (reply: WorkerReply) => this.#onReply(reply));
      });
      started.once('error', reject);
    });
  }

  /** Abandoned requests count too: the worker is still running them. */
  #checkStuck(): void {
    const oldest = Math.min(...[...this.#waiting.values()].map((entry) => entry.since));
    const limit = this.#settings.restartAfterMs;
    if (Date.now() - oldest > limit) this.#restart(`PGlite has not answered for ${limit} ms`);
  }

  /**
   * Stops a stuck worker and opens PGlite again (its recovery replays the write-ahead log). Requests
   * wait for the new worker meanwhile (within their own timeouts); none is sent to the old one.
   */
  #restart(reason: string): void {
    if (this.#restarting) return;
    this.#restarting = true;
    const { log, dataDir } = this.#settings;
    log(`collector: ${reason}; restarting PGlite from ${dataDir}`);
    const stuck = this.#worker;
    this.#failAll(reason);
    this.ready = stuck
      .terminate()
      .then(() => this.#start())
      .finally(() => {
        this.#restarting = false;
      });
    this.ready.catch((error: unknown) => log(`collector: PGlite did not start again: ${String(error)}`));
  }
}

/**
 * Runs PGlite in a worker thread: the collector's thread stays free while a query runs (static
 * files, other routes, timers), and a query that does not answer in time gives a
 * `DatabaseUnavailableError` instead of a request that hangs. PGlite ignores `statement_timeout`, so
 * a worker that has not answered for `restartAfterMs` is stopped and opened again from its data
 * directory (an in-memory database is never restarted: it would come back empty).
 * @example const worker = await startPgliteWorker({ dataDir: '.data', statementTimeoutMs: 5000, restartAfterMs: 30000, log: console.error });
 */
export async function startPgliteWorker(settings: PgliteWorkerSettings): Promise<PgliteWorker> {
  const client = new PgliteWorkerClient(settings);
  await client.ready;
  return client;
}

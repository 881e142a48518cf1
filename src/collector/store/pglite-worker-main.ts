/**
 * What the PGlite worker thread runs. It is sent to the worker as source text
 * (`pgliteWorkerMain.toString()`), so it uses nothing from outside its own body: the PGlite module,
 * the port and the worker data come in as arguments, and only types are imported here.
 */
import type { MessagePort } from 'node:worker_threads';

/** A request from the collector's thread. */
export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params?: unknown[]; transaction?: number }
  | { id: number; kind: 'begin' }
  | { id: number; kind: 'end'; transaction: number; commit: boolean }
  | { id: number; kind: 'close' };

/** A PostgreSQL error as it crosses threads: its message and its fields (`code`, `detail`, …). */
export type WorkerError = { message: string } & Record<string, unknown>;

/** The worker's answer to request `id` (`transaction`: the id of a transaction a `begin` opened). */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'failed'; error: WorkerError }
  | { kind: 'reply'; id: number; rows?: Record<string, unknown>[]; transaction?: number; error?: WorkerError };

/** The part of PGlite's module the worker uses. */
interface PgliteModule {
  PGlite: {
    create(dataDir: string): Promise<PgliteDatabase>;
  };
}
interface PgliteQueries {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}
interface PgliteDatabase extends PgliteQueries {
  transaction<T>(fn: (tx: PgliteQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens PGlite in `dataDir` and answers requests until `close`. A transaction holds PGlite's own
 * lock from `begin` to `end`, so every query outside it waits, as on one connection.
 */
export async function pgliteWorkerMain(pglite: PgliteModule, port: MessagePort, dataDir: string): Promise<void> {
  const errorOf = (error: unknown): WorkerError => {
    const fields: Record<string, unknown> = {};
    for (const name of ['code', 'detail', 'hint', 'position', 'where', 'table', 'column', 'constraint'])
      if (error && typeof error === 'object' && name in error) fields[name] = (error as Record<string, unknown>)[name];
    return { ...fields, message: error instanceof Error ? error.message : String(error) };
  };
  let db: PgliteDatabase;
  try {
    db = await pglite.PGlite.create(dataDir);
  } catch (error) {
    port.postMessage({ kind: 'failed', error: errorOf(error) } satisfies WorkerReply);
    return;
  }
  const reply = (message: WorkerReply) => port.postMessage(message);
  const open = new Map<number, { tx: PgliteQueries; finish: (commit: boolean) => void }>();
  const ended = new Map<number, Promise<void>>();
  // Rolls a transaction back: thrown inside PGlite's transaction callback.
  const rollback = new Error('rolled back by the collector');

  function begin(id: number): void {
    const done = db.transaction(
      (tx) =>
        new Promise<void>((resolve, reject) => {
          open.set(id, { tx, finish: (commit) => (commit ? resolve() : reject(rollback)) });
          reply({ kind: 'reply', id, transaction: id });
        }),
    );
    done.catch(() => {}); // the `end` request reports how it ended
    ended.set(id, done);
  }

  async function answer(request: WorkerRequest): Promise<void> {
    if (request.kind === 'begin') return begin(request.id);
    if (request.kind === 'query') {
      const target = request.transaction === undefined ? db : open.get(request.transaction)?.tx;
      if (!target) throw new Error(`transaction ${request.transaction} is not open`);
      const { rows } = await target.query(request.sql, request.params);
      return reply({ kind: 'reply', id: request.id, rows });
    }
    if (request.kind === 'end') {
      const transaction = open.get(request.transaction);
      const done = ended.get(request.transaction);
      open.delete(request.transaction);
      ended.delete(request.transaction);
      if (!transaction || !done) throw new Error(`transaction ${request.transaction} is not open`);
      transaction.finish(request.commit);
      try {
        await done;
      } catch (error) {
        if (error !== rollback) throw error;
      }
      return reply({ kind: 'reply', id: request.id });
    }
    await db.close();
    reply({ kind: 'reply', id: request.id });
  }

  port.on('message', (request: WorkerRequest) => {
    answer(request).catch((error: unknown) => reply({ kind: 'reply', id: request.id, error: errorOf(error) }));
  });
  reply({ kind: 'ready' });
}

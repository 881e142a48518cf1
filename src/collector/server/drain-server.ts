import type { Server } from 'node:http';

/** Timers the drain uses; tests may pass their own. */
export interface DrainTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: DrainTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * How an http server stops: `watch` it when it starts; `drain` stops accepting connections, lets the
 * requests in flight finish (closing each keep-alive connection once its response is out), and cuts
 * whatever is still open after `deadlineMs`.
 */
export class ServerDrain {
  private draining = false;
  private readonly server: Server;
  private readonly timers: DrainTimers;

  constructor(server: Server, timers: DrainTimers = realTimers) {
    this.server = server;
    this.timers = timers;
    // A keep-alive connection becomes idle when its response is out: while draining, close it then.
    server.on('request', (_request, response) =>
      response.once('close', () => {
        if (this.draining) setImmediate(() => server.closeIdleConnections());
      }),
    );
  }

  /** Whether `drain` has begun. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stops accepting, waits for the requests in flight, and resolves when the server is closed;
   * `forced` when some connections had to be cut at the deadline.
   */
  async drain(deadlineMs: number): Promise<{ forced: boolean }> {
    this.draining = true;
    let forced = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = this.timers.setTimeout(() => {
      forced = true;
      this.server.closeAllConnections();
    }, deadlineMs);
    await closed;
    this.timers.clearTimeout(deadline);
    return { forced };
  }
}

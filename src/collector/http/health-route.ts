import type { Queryable } from '../store/queryable';
import { jsonReply } from './security-headers';

/** What `GET /healthz` needs: the database and how long it may take to answer. */
export interface HealthOptions {
  db: Queryable;
  /** A database slower than this is unhealthy. @default 1000 */
  timeoutMs?: number;
  /** @default an unref'd setTimeout */
  setTimer?: (run: () => void, ms: number) => unknown;
}

const unrefTimer = (run: () => void, ms: number) => setTimeout(run, ms).unref();

const TIMED_OUT = Symbol('timed out');

/**
 * `GET /healthz` for load balancers and orchestrators: 200 `{ ok: true }` when the database answers
 * `select 1` within `timeoutMs`, else 503 with `Retry-After`. No authentication, and no data.
 * @example const health = createHealthRoute({ db: store.db }); await health() // Response 200
 */
export function createHealthRoute({ db, timeoutMs = 1000, setTimer = unrefTimer }: HealthOptions) {
  return async (): Promise<Response> => {
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => setTimer(() => resolve(TIMED_OUT), timeoutMs));
    const answer = await Promise.race([
      db.query('select 1').then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
    if (answer === true) return jsonReply(200, { ok: true });
    const error = answer === TIMED_OUT ? `the database did not answer within ${timeoutMs} ms` : 'the database failed';
    return jsonReply(503, { ok: false, error }, { 'retry-after': '5' });
  };
}

import { millisecondsParam, type Queryable } from '../store/queryable';
import type { ClaimedAlert } from './claim-alerts';
import { retryDelay } from './retry-delay';

/** How one attempt ended for its alert. */
export type Outcome = 'delivered' | 'retrying' | 'failed';

/** Why an attempt failed. */
export interface AttemptFailure {
  /** What went wrong, as `last_error` keeps it (at most 500 characters). */
  error: string;
  /** How long the receiver asked to wait (`Retry-After`), if it did. */
  retryAfter?: number;
  /** The loop was stopping: the alert is handed back at once, for the next process. */
  stopped: boolean;
}

const DELIVERED = `update nps_alerts set state = 'delivered', delivered_at = now(), next_attempt_at = null,
  last_error = null, claim = null where id = $1 and state = 'pending'`;

// Only the current claimant reschedules: after a lease ran out, the newer attempt's outcome counts.
// An alert raised at least $4 ms ago is given up on instead of retried after $3 ms.
const RETRY_OR_GIVE_UP = `update nps_alerts set
    state = case when now() - created_at >= ${millisecondsParam(4)} then 'failed' else 'pending' end,
    next_attempt_at = case when now() - created_at >= ${millisecondsParam(4)} then null else now() + ${millisecondsParam(3)} end,
    last_error = $5, claim = null
  where id = $1 and claim = $2 and state = 'pending'
  returning state`;

/**
 * Marks an alert delivered.
 * @example await markDelivered(db, alert.id)
 */
export async function markDelivered(db: Queryable, alertId: string): Promise<void> {
  await db.query(DELIVERED, [alertId]);
}

/** What recording a failure needs besides the database. */
export interface FailureSettings {
  random: () => number;
  giveUpAfterMs: number;
  log: (message: string) => void;
}

/**
 * Records a failed attempt under the claim `claimToken`: retried after a backoff with jitter, or
 * given up on (`failed`) once the alert is older than `giveUpAfterMs`. Logs either way, unless stopping.
 * @example await recordFailure(db, alert, token, { error: 'HTTP 500', stopped: false }, settings) // 'retrying'
 */
export async function recordFailure(
  db: Queryable,
  alert: ClaimedAlert,
  claimToken: string,
  failure: AttemptFailure,
  { random, giveUpAfterMs, log }: FailureSettings,
): Promise<Outcome> {
  const { error, retryAfter, stopped } = failure;
  const { id, webhook, attempts } = alert;
  // A stopping process hands its alerts back at once; the next one to start sends them.
  const wait = stopped ? 0 : retryDelay(attempts, random, retryAfter);
  const { rows } = await db.query(RETRY_OR_GIVE_UP, [id, claimToken, wait, giveUpAfterMs, error]);
  if (rows[0]?.state === 'failed') {
    log(`nps alerts: gave up on alert ${id} to ${webhook} after ${attempts} attempts: ${error}`);
    return 'failed';
  }
  if (!stopped)
    log(
      `nps alerts: alert ${id} to ${webhook} failed (attempt ${attempts}): ${error}; retry in ${Math.ceil(wait / 1000)} s`,
    );
  return 'retrying';
}

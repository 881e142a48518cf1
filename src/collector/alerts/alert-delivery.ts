import { randomUUID } from 'node:crypto';
import { alertBody, responseLink } from './alert-body';
import type { Queryable, Row } from '../store/queryable';
import type { AlertRecord } from './alert-record';
import { retryAfterMs, retryDelay } from './retry-delay';
import type { AlertEvent } from './alert-event';
import type { Webhook } from './webhook-options';
import { DELIVERY_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature';

/** Timers the loop uses; the defaults are `unref`'d, so the loop never keeps a process alive. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AlertDeliveryOptions {
  /** The collector's database (migrated with `ALERT_MIGRATIONS`). */
  db: Queryable;
  /** From `resolveWebhooks`: the same list `recordAlerts` is given. Alerts for other webhooks are left alone. */
  webhooks: readonly Webhook[];
  /** Public base URL of the collector, for the link to the response in each alert (`/dashboard?response=<id>`). */
  dashboardUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * The collector's clock, only for the `X-NPS-Timestamp` a receiver checks and for `Retry-After`
   * dates. Which alerts are due, claims, retries and giving up go by the database's clock, the
   * one every collector shares. @default Date.now
   */
  now?: () => number;
  /** @default Math.random */
  random?: () => number;
  /** @default console.warn */
  log?: (message: string) => void;
  /** @default unref'd setTimeout / clearTimeout */
  timers?: Timers;
  /** Alerts claimed and sent at once. @default 10 */
  batchSize?: number;
  /** How often the loop looks for due alerts when nothing nudges it. @default 5000 */
  pollIntervalMs?: number;
  /** A receiver slower than this counts as a failed attempt. @default 10000 */
  requestTimeoutMs?: number;
  /** A claimed alert is not claimed again for this long, unless its attempt ends: long enough for any request. @default 60000 */
  leaseMs?: number;
  /** An alert still failing this long after it was raised is marked `failed`. @default 86400000 (24 hours) */
  giveUpAfterMs?: number;
}

/** What one pass of the loop did. */
export interface DeliveryRun {
  claimed: number;
  delivered: number;
  /** Failed attempts scheduled for a retry. */
  retrying: number;
  /** Alerts given up on (`failed`). */
  failed: number;
}

export interface AlertDelivery {
  /** Starts the loop (idempotent): a pass now, then one every `pollIntervalMs`, sooner when nudged. */
  start(): void;
  /** Stops the loop and aborts requests in flight; their alerts are due again at once, for the next process. */
  stop(): Promise<void>;
  /** One pass: claims due alerts, sends them, records the outcome. */
  runOnce(): Promise<DeliveryRun>;
  /** Asks a started loop for a pass soon (call it after `recordAlerts` created alerts); never waits. */
  nudge(): void;
}

const unrefTimers: Timers = {
  setTimeout(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `$n` milliseconds as an SQL interval. */
const ms = (n: number) => `($${n}::float8 * interval '1 millisecond')`;

// Every time here is the database's now(), as is next_attempt_at's default when an alert is recorded:
// collectors whose own clocks disagree still agree on what is due and whose lease has run out.
// SKIP LOCKED: a row another collector is claiming right now is left to it. The claim moves
// next_attempt_at past the lease, so once committed nobody else picks the alert up until the
// attempt ends (or the claimant died and the lease ran out: at least once, never lost).
const CLAIM = `update nps_alerts a set attempts = a.attempts + 1, next_attempt_at = now() + ${ms(1)}, claim = $2
  where a.id in (
    select id from nps_alerts
    where state = 'pending' and next_attempt_at <= now() and webhook in (select jsonb_array_elements_text($4::jsonb))
    order by next_attempt_at limit $3
    for update skip locked)
  returning a.id::text as id, a.event, a.webhook, a.attempts, a.record`;

const DELIVERED = `update nps_alerts set state = 'delivered', delivered_at = now(), next_attempt_at = null,
  last_error = null, claim = null where id = $1 and state = 'pending'`;

// Only the current claimant reschedules: after a lease ran out, the newer attempt's outcome counts.
// An alert raised at least $4 ms ago is given up on instead of retried after $3 ms.
const RETRY_OR_GIVE_UP = `update nps_alerts set
    state = case when now() - created_at >= ${ms(4)} then 'failed' else 'pending' end,
    next_attempt_at = case when now() - created_at >= ${ms(4)} then null else now() + ${ms(3)} end,
    last_error = $5, claim = null
  where id = $1 and claim = $2 and state = 'pending'
  returning state`;

type Outcome = 'delivered' | 'retrying' | 'failed';

const messageOf = (e: unknown) =>
  e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);

/**
 * The loop that POSTs recorded alerts to their webhooks: at least once, signed, retried with
 * exponential backoff and full jitter for at least `giveUpAfterMs`. All state is in `nps_alerts`,
 * so a restarted collector resumes, and any number of collectors can run a loop on one database.
 * @example
 * const delivery = createAlertDelivery({ db, webhooks, dashboardUrl: 'https://nps.example.com' });
 * delivery.start();
 */
export function createAlertDelivery(options: AlertDeliveryOptions): AlertDelivery {
  const {
    db,
    webhooks,
    dashboardUrl,
    fetch: send = globalThis.fetch,
    now = Date.now,
    random = Math.random,
    log = console.warn,
    timers = unrefTimers,
    batchSize = 10,
    pollIntervalMs = 5000,
    requestTimeoutMs = 10_000,
    leaseMs = 60_000,
    giveUpAfterMs = 86_400_000,
  } = options;
  for (const [name, value] of Object.entries({ batchSize, pollIntervalMs, requestTimeoutMs, leaseMs, giveUpAfterMs }))
    if (!Number.isFinite(value) || value <= 0)
      throw new TypeError(`nps collector: alert delivery ${name} must be a positive number, got ${value}`);
  // A claim that could run out while its request is still waiting would let a second collector send the same alert.
  if (leaseMs <= requestTimeoutMs)
    throw new TypeError(
      `nps collector: alert delivery leaseMs (${leaseMs}) must be longer than requestTimeoutMs (${requestTimeoutMs})`,
    );
  const byKey = new Map(webhooks.map((w) => [w.key, w]));
  const keys = JSON.stringify([...byKey.keys()]);
  let stopping = new AbortController();
  let running = false;
  let timer: unknown;
  let again = false;
  const inFlight = new Set<Promise<unknown>>();

  async function attempt(row: Row, claim: string): Promise<Outcome> {
    const stopped = stopping.signal;
    const id = String(row.id);
    const webhook = byKey.get(String(row.webhook))!;
    const record = row.record as AlertRecord;
    const event = row.event as AlertEvent;
    const body = alertBody(webhook.format, event, record, responseLink(dashboardUrl, record.id));
    const timestamp = String(Math.floor(now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'nps-widget-collector',
      'x-nps-event': event,
      [DELIVERY_HEADER]: id,
      [TIMESTAMP_HEADER]: timestamp,
    };
    if (webhook.secret) headers[SIGNATURE_HEADER] = signWebhook(webhook.secret, timestamp, body);
    let error: string;
    let retryAfter: number | undefined;
    try {
      const signal = AbortSignal.any([stopped, AbortSignal.timeout(requestTimeoutMs)]);
      const response = await send(webhook.url, { method: 'POST', headers, body, redirect: 'manual', signal });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        await db.query(DELIVERED, [id]);
        return 'delivered';
      }
      error = `HTTP ${response.status}`;
      retryAfter = retryAfterMs(response.headers.get('retry-after'), now());
    } catch (e) {
      error = stopped.aborted ? 'delivery stopped before the receiver answered' : messageOf(e);
    }
    return failed(row, claim, error.slice(0, 500), retryAfter, stopped.aborted);
  }

  async function failed(
    row: Row,
    claim: string,
    error: string,
    retryAfter: number | undefined,
    stopped: boolean,
  ): Promise<Outcome> {
    const attempts = Number(row.attempts);
    // A stopping process hands its alerts back at once; the next one to start sends them.
    const wait = stopped ? 0 : retryDelay(attempts, random, retryAfter);
    const { rows } = await db.query(RETRY_OR_GIVE_UP, [row.id, claim, wait, giveUpAfterMs, error]);
    if (rows[0]?.state == 'failed') {
      log(`nps alerts: gave up on alert ${row.id} to ${row.webhook} after ${attempts} attempts: ${error}`);
      return 'failed';
    }
    if (!stopped)
      log(
        `nps alerts: alert ${row.id} to ${row.webhook} failed (attempt ${attempts}): ${error}; retry in ${Math.ceil(wait / 1000)} s`,
      );
    return 'retrying';
  }

  function runOnce(): Promise<DeliveryRun> {
    const work = claimAndSend();
    inFlight.add(work);
    const settled = () => void inFlight.delete(work);
    work.then(settled, settled);
    return work;
  }

  async function claimAndSend(): Promise<DeliveryRun> {
    const run: DeliveryRun = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    if (!byKey.size) return run;
    const claim = randomUUID();
    const { rows } = await db.query(CLAIM, [leaseMs, claim, batchSize, keys]);
    run.claimed = rows.length;
    const outcomes = await Promise.allSettled(rows.map((row) => attempt(row, claim)));
    for (const outcome of outcomes) {
      if (outcome.status == 'fulfilled') run[outcome.value]++;
      // The outcome could not be stored: the lease runs out and the alert is sent again (at least once).
      else log(`nps alerts: could not record a delivery's outcome: ${messageOf(outcome.reason)}`);
    }
    return run;
  }

  function schedule(ms: number) {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(pass, ms);
  }

  async function pass() {
    timer = undefined;
    if (!running) return;
    again = false;
    let busy = false;
    await runOnce().then(
      (run) => void (busy = run.claimed == batchSize),
      (e) => log(`nps alerts: delivery pass failed: ${messageOf(e)}`),
    );
    if (running) schedule(busy || again ? 0 : pollIntervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      const inFlightNow = stopping;
      stopping = new AbortController(); // later runOnce() calls work normally
      inFlightNow.abort();
      await Promise.allSettled([...inFlight]);
    },
    runOnce,
    nudge() {
      if (!running) return;
      if (inFlight.size) again = true;
      else schedule(0);
    },
  };
}

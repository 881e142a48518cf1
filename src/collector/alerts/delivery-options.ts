import type { Database } from '../store/database';
import type { Webhook } from './webhook-options';

/** Timers the loop uses; the defaults are `unref`'d, so the loop never keeps a process alive. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How `createAlertDelivery` is set up: the database, the webhooks, and the side effects it uses. */
export interface AlertDeliveryOptions {
  /** The collector's database (migrated by `migrate`): claims run in transactions. */
  db: Database;
  /** From `resolveWebhooks`: the same list `recordAlerts` is given. Alerts for other webhooks are left alone. */
  webhooks: readonly Webhook[];
  /** Public base URL of the collector, for the link to the response in each alert (`/dashboard?response=<id>`). */
  dashboardUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /**
   * The collector's clock, only for the `webhook-timestamp` a receiver checks and for `Retry-After`
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

/** The options with every default filled in, checked. */
export type DeliverySettings = Required<Omit<AlertDeliveryOptions, 'dashboardUrl'>> &
  Pick<AlertDeliveryOptions, 'dashboardUrl'>;

const unrefTimers: Timers = {
  setTimeout(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Fills in the defaults and checks the limits; throws a `TypeError` naming the bad one.
 * @example resolveDeliveryOptions({ db, webhooks }).pollIntervalMs // 5000
 */
export function resolveDeliveryOptions(options: AlertDeliveryOptions): DeliverySettings {
  const {
    db,
    webhooks,
    dashboardUrl,
    fetch = globalThis.fetch,
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
  const limits = { batchSize, pollIntervalMs, requestTimeoutMs, leaseMs, giveUpAfterMs };
  for (const [name, value] of Object.entries(limits))
    if (!Number.isFinite(value) || value <= 0)
      throw new TypeError(`nps collector: alert delivery ${name} must be a positive number, got ${value}`);
  // A claim that could run out while its request is still waiting would let a second collector send the same alert.
  if (leaseMs <= requestTimeoutMs)
    throw new TypeError(
      `nps collector: alert delivery leaseMs (${leaseMs}) must be longer than requestTimeoutMs (${requestTimeoutMs})`,
    );
  return { db, webhooks, dashboardUrl, fetch, now, random, log, timers, ...limits };
}

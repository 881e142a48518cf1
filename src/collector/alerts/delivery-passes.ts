import { attemptDelivery } from './attempt-delivery';
import { type Claim, claimAlerts } from './claim-alerts';
import type { DeliverySettings } from './delivery-options';
import { errorMessage } from './error-message';
import type { Webhook } from './webhook-options';

/** What one pass of the loop did. */
export interface DeliveryRun {
  claimed: number;
  delivered: number;
  /** Failed attempts scheduled for a retry. */
  retrying: number;
  /** Alerts given up on (`failed`). */
  failed: number;
}

/**
 * Runs passes (claim due alerts, attempt each, record the outcomes) and keeps track of the ones in
 * flight, so that stopping can abort their requests and wait for them.
 */
export class DeliveryPasses {
  private readonly settings: DeliverySettings;
  private readonly webhooksByKey: Map<string, Webhook>;
  private readonly inFlight = new Set<Promise<DeliveryRun>>();
  /** Aborts the requests of the passes running now; replaced at each stop, so later passes run normally. */
  private stopping = new AbortController();

  constructor(settings: DeliverySettings) {
    this.settings = settings;
    this.webhooksByKey = new Map(settings.webhooks.map((webhook) => [webhook.key, webhook]));
  }

  /** Whether a pass is running (one the loop started, or a `runOnce`). */
  get anyInFlight(): boolean {
    return this.inFlight.size > 0;
  }

  /** One pass: claims due alerts, sends them, records the outcome. */
  run(): Promise<DeliveryRun> {
    const work = this.claimAndSend();
    this.inFlight.add(work);
    const settled = () => void this.inFlight.delete(work);
    work.then(settled, settled);
    return work;
  }

  /** Aborts the requests in flight (their alerts are due again at once) and waits for their passes to end. */
  async abort(): Promise<void> {
    const inFlightNow = this.stopping;
    this.stopping = new AbortController();
    inFlightNow.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async claimAndSend(): Promise<DeliveryRun> {
    const run: DeliveryRun = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    if (!this.webhooksByKey.size) return run;
    const { db, leaseMs, batchSize, log } = this.settings;
    // Each webhook's claim counts its own messages per minute.
    const claims: Claim[] = [];
    for (const webhook of this.webhooksByKey.values())
      claims.push(await claimAlerts(db, webhook, { leaseMs, batchSize }));
    const stopped = this.stopping.signal;
    const attempts = claims.flatMap((claim) =>
      claim.alerts.map(async (alert) =>
        attemptDelivery(alert, this.webhookOf(alert.webhook), claim.token, stopped, this.settings),
      ),
    );
    run.claimed = attempts.length;
    const outcomes = await Promise.allSettled(attempts);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') run[outcome.value]++;
      // The outcome could not be stored: the lease runs out and the alert is sent again (at least once).
      else log(`nps alerts: could not record a delivery's outcome: ${errorMessage(outcome.reason)}`);
    }
    return run;
  }

  /** The webhook a claimed alert is for: the claim only selects alerts of these webhooks. */
  private webhookOf(key: string): Webhook {
    const webhook = this.webhooksByKey.get(key);
    if (!webhook) throw new Error(`no webhook ${key} in this delivery loop`);
    return webhook;
  }
}

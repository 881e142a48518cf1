import { type AlertDeliveryOptions, resolveDeliveryOptions } from './delivery-options';
import { DeliveryLoop } from './delivery-loop';
import { type DeliveryRun, DeliveryPasses } from './delivery-passes';

/** The delivery loop of `createAlertDelivery`. */
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

/**
 * The loop that POSTs recorded alerts to their webhooks: at least once, signed, retried with
 * exponential backoff and full jitter for at least `giveUpAfterMs`. All state is in `nps_alerts`,
 * so a restarted collector resumes, and any number of collectors can run a loop on one database.
 * Its parts: the claim (`claim-alerts.ts`), the attempt (`attempt-delivery.ts`), recording the
 * outcome (`record-outcome.ts`), the passes in flight (`delivery-passes.ts`) and when passes run
 * (`delivery-loop.ts`).
 * @example
 * const delivery = createAlertDelivery({ db, webhooks, dashboardUrl: 'https://nps.example.com' });
 * delivery.start();
 */
export function createAlertDelivery(options: AlertDeliveryOptions): AlertDelivery {
  const settings = resolveDeliveryOptions(options);
  const passes = new DeliveryPasses(settings);
  const loop = new DeliveryLoop(passes, settings);
  return {
    start: () => loop.start(),
    stop: () => loop.stop(),
    runOnce: () => passes.run(),
    nudge: () => loop.nudge(),
  };
}

import type { DeliverySettings } from './delivery-options';
import type { DeliveryPasses } from './delivery-passes';
import { errorMessage } from './error-message';

/**
 * When the passes run: one now, then one every `pollIntervalMs`, at once again after a full batch
 * (more may be due; with several webhooks, a batch's worth in all) or after a nudge that came while
 * a pass was running.
 */
export class DeliveryLoop {
  private readonly passes: DeliveryPasses;
  private readonly settings: Pick<DeliverySettings, 'timers' | 'pollIntervalMs' | 'batchSize' | 'log'>;
  private running = false;
  /** The timer of the next pass, while one is scheduled. */
  private timer: unknown;
  /** A nudge came while a pass was running: the next pass starts as soon as this one ends. */
  private nudgedDuringPass = false;

  constructor(passes: DeliveryPasses, settings: DeliverySettings) {
    this.passes = passes;
    this.settings = settings;
  }

  /** Starts the loop (idempotent): a pass now, then one every `pollIntervalMs`, sooner when nudged. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the loop and aborts the passes in flight; their alerts are due again at once, for the next process. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer();
    await this.passes.abort();
  }

  /** Asks a started loop for a pass soon; never waits. */
  nudge(): void {
    if (!this.running) return;
    if (this.passes.anyInFlight) this.nudgedDuringPass = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.settings.timers.setTimeout(() => void this.pass(), ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.settings.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async pass(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    this.nudgedDuringPass = false;
    let fullBatch = false;
    try {
      fullBatch = (await this.passes.run()).claimed >= this.settings.batchSize;
    } catch (error) {
      this.settings.log(`nps alerts: delivery pass failed: ${errorMessage(error)}`);
    }
    if (this.running) this.schedule(fullBatch || this.nudgedDuringPass ? 0 : this.settings.pollIntervalMs);
  }
}

import { NpsError } from '../core/errors';
import type { DeliveryLoop } from './delivery-loop';
import { stop } from './stop';

/**
 * Reports what ended a delivery pass: an {@link NpsError} as it is, one `delivery-failed` per backoff
 * step (not per batch); anything else (what a custom store or the lock manager threw) as
 * `delivery-failed`; {@link stop} not at all.
 */
export function reportFailure(loop: DeliveryLoop, error: unknown): void {
  const { onError } = loop;
  if (error === stop) return;
  if (!(error instanceof NpsError)) {
    onError(new NpsError('delivery-failed', String(error), error));
    return;
  }
  if (error.code === 'delivery-failed') {
    if (loop.reportedStep === loop.state.failedAttempts) return;
    loop.reportedStep = loop.state.failedAttempts;
  }
  onError(error);
}

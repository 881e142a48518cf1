import { type DeliveryState, readDeliveryState } from './delivery-state';
import type { DeliveryLoop } from './delivery-loop';
import { DELIVERY_STATE } from './envelope';

// The origin's delivery state lives in the store, where every tab reads it before sending.

/** Reads the origin's delivery state; a far-future time an older version stored is healed in storage, for every tab. */
export async function loadDeliveryState(loop: DeliveryLoop): Promise<void> {
  const { store } = loop;
  const { state, capped } = readDeliveryState(await store.get(DELIVERY_STATE), loop.now());
  loop.state = state;
  if (capped) await store.set(DELIVERY_STATE, state);
}

/**
 * Changes the origin's delivery state in one read-modify-write, so another tab's later `Retry-After`
 * is never overwritten, and tells the other tabs.
 */
export async function saveDeliveryState(
  loop: DeliveryLoop,
  change: (stored: DeliveryState) => DeliveryState,
): Promise<void> {
  let next = loop.state;
  await loop.store.update<DeliveryState>(DELIVERY_STATE, (stored) => {
    const current = readDeliveryState(stored, loop.now()).state;
    next = change(current);
    return { ...next, retryAfterUntil: Math.max(next.retryAfterUntil, current.retryAfterUntil) };
  });
  loop.state = next;
  if (!loop.closed) loop.channel.post(next);
}

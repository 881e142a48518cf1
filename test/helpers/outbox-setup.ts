// The outbox under fake time: a scripted collector, a fake page, and one store, shared by the outbox unit tests.
import { vi } from 'vitest';
import type { NpsError } from '../../src/core/errors';
import { RECORD, type Envelope } from '../../src/outbox/envelope';
import { memoryKvStore, type KvStore } from '../../src/outbox/kv-store';
import { createOutbox, type OutboxOptions } from '../../src/outbox/outbox';
import { fakeHost, fakeServer } from './outbox-fakes';
import { idle } from './wait';

export const T0 = Date.parse('2026-11-23T10:00:00.000Z');
/** A UUIDv7-shaped id whose order is `n`'s order. */
export const id = (n: number) => `019ab000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** Moves the fake clock in small steps so timers set by settling promises still fire in order. */
export const advance = async (ms: number, step = 100) => {
  for (let t = 0; t < ms; t += step) {
    await vi.advanceTimersByTimeAsync(Math.min(step, ms - t));
    await idle();
  }
};

/** The records queued in `store`, in key order. */
export const queued = async (store: KvStore) => (await store.entries<Envelope>(RECORD)).map(([, e]) => e.record);

/** An outbox factory over one store, collector and page; `outbox` is the first one, made on first use. */
export function setup(over: Partial<OutboxOptions> = {}, page = fakeHost()) {
  const store = over.store ?? memoryKvStore();
  const server = fakeServer();
  const delivered: string[] = [];
  const errors: NpsError[] = [];
  // Started at once, as the client does when it may store (consent granted).
  const make = (more: Partial<OutboxOptions> = {}) => {
    const outbox = createOutbox({
      endpoint: 'https://collect.example/api/nps',
      headers: { 'X-NPS-Write-Key': 'k1' },
      store,
      fetch: server.fetch,
      now: Date.now,
      random: () => 0.999,
      onDelivered: (ids) => delivered.push(...ids),
      onError: (e) => errors.push(e),
      host: page.host,
      ...over,
      ...more,
    });
    outbox.start();
    return outbox;
  };
  let first: ReturnType<typeof make> | undefined;
  // Created on first use, so a test can prepare the store before anything runs.
  return {
    store,
    server,
    page,
    delivered,
    errors,
    make,
    get outbox() {
      first ??= make();
      return first;
    },
  };
}

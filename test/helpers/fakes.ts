import type { NpsEnv } from '../../src/client';
import type { Messages } from '../../src/core/options';
import type { ResponseRecord } from '../../src/core/wire';
import { memoryKvStore, type KvStore } from '../../src/outbox/kv-store';
import type { FlushResult, Outbox, OutboxOptions } from '../../src/outbox/outbox';
import { en } from '../../src/prompt/en';
import type { LoadMessages, MountView, ViewProps } from '../../src/prompt/view';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-11-23T10:00:00.000Z')) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** Deterministic bytes (xorshift32) so ids and sampling are reproducible. */
export function seededRandom(seed = 1): NpsEnv['random'] {
  let s = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
      bytes[i] = s & 0xff;
    }
    return bytes;
  };
}

/** An outbox that keeps every committed version, in order, and can be told to fail or stall. */
export function fakeOutbox() {
  const puts: ResponseRecord[] = [];
  const latest = new Map<string, ResponseRecord>();
  let gate: Promise<void> | undefined;
  let closed = false;
  let options: OutboxOptions | undefined;
  const outbox = {
    puts,
    latest,
    get closed() { return closed; },
    get options() { return options; },
    /** Until the returned release() is called, put() does not resolve (a slow disk). */
    stall() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => { gate = undefined; release(); };
    },
    factory: (o: OutboxOptions): Outbox => {
      options = o;
      return {
        start: () => {},
        async put(r) {
          await gate;
          puts.push(structuredClone(r));
          latest.set(r.id, structuredClone(r));
        },
        flush: async (): Promise<FlushResult> => ({ delivered: 0, pending: latest.size }),
        close: () => void (closed = true),
      };
    },
  };
  return outbox;
}

/** A view that renders nothing and lets the test play the user. */
export function fakeView() {
  const mounts: ViewProps[] = [];
  let closedByClient = 0;
  const mount: MountView = (props) => {
    mounts.push(props);
    return { close: () => void closedByClient++, live: () => true };
  };
  return {
    mount,
    mounts,
    get current(): ViewProps {
      const p = mounts[mounts.length - 1];
      if (!p) throw new Error('no prompt was mounted');
      return p;
    },
    get closedByClient() { return closedByClient; },
  };
}

/** A locale loader with a fixed set of locales; unknown ones fall back to English. */
export function fakeMessages(extra: Record<string, Partial<Messages>> = {}): LoadMessages {
  return async (wanted) => {
    const m = extra[wanted];
    return m ? { locale: wanted, messages: { ...en, ...m } } : { locale: 'en', messages: en };
  };
}

/** Every env fake at once; override any. */
export function fakeEnv(over: Partial<NpsEnv> & { store?: KvStore } = {}) {
  const clock = fakeClock();
  const outbox = fakeOutbox();
  const view = fakeView();
  const store = over.store ?? memoryKvStore();
  const env: Partial<NpsEnv> = {
    store,
    now: clock.now,
    random: seededRandom(),
    mount: view.mount,
    messages: fakeMessages(),
    outbox: outbox.factory,
    ...over,
  };
  return { env, clock, outbox, view, store };
}

/** Typed fakes for the alert delivery loop: a fetch that answers by script, and hand-driven timers. */
import type { Timers } from '../../src/collector/alerts/delivery-options';

interface FetchCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that answers each call with the next status of `statuses` (then the last one again). */
export function scriptedFetch(statuses: number[]) {
  const calls: FetchCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: String(init?.body),
    });
    const status = statuses.length > 1 ? statuses.shift() : statuses[0];
    if (status === undefined) throw new Error('scriptedFetch: no status to answer with');
    return new Response(status === 204 ? null : 'answer', { status });
  };
  return { fetch, calls };
}

/** Timers that only fire when the test says so. */
export function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout(run, ms) {
      pending.set(++next, { run, ms });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    timers,
    /** Delays of the timers now waiting. */
    waiting: () => [...pending.values()].map((t) => t.ms),
    /** Fires every waiting timer once. */
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const timer of due) timer.run();
    },
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start: number) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

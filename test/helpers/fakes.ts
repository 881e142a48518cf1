import type { ClientEnv } from '../../src/client/client-env';
import type { Messages } from '../../src/core/messages';
import type { RenderedPrompt, Renderer, Survey } from '../../src/core/renderer';
import type { ResponseRecord } from '../../src/core/wire';
import type { ImportLocale } from '../../src/survey/load-messages';
import type { PromptModule } from '../../src/client/load-prompt';
import type { TriggersModule } from '../../src/client/client-triggers';
import { memoryKvStore, type ErasableKvStore } from '../../src/outbox/kv-store';
import type { FlushResult } from '../../src/core/public-types';
import type { Outbox, OutboxOptions } from '../../src/outbox/outbox';
import { en } from '../../src/prompt/en';
import * as surveyRuntime from '../../src/survey-entry';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.parse('2026-11-23T10:00:00.000Z')) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    set: (ms: number) => {
      t = ms;
    },
  };
}

/** Deterministic bytes (xorshift32) so ids and sampling are reproducible. */
export function seededRandom(seed = 1): ClientEnv['random'] {
  let s = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
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
    get closed() {
      return closed;
    },
    get options() {
      return options;
    },
    /** The options the outbox was made with; throws when none was made yet. */
    get made(): OutboxOptions {
      if (!options) throw new Error('no outbox was made');
      return options;
    },
    /** The version committed last; throws when none was. */
    get last(): ResponseRecord {
      const version = puts[puts.length - 1];
      if (!version) throw new Error('no version was committed');
      return version;
    },
    /** Until the returned release() is called, put() does not resolve (a slow disk). */
    stall() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
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
        close: () => {
          closed = true;
        },
      };
    },
  };
  return outbox;
}

/**
 * A renderer that draws nothing and lets the test play the user through each `Survey` it got.
 * `loads` counts how often the prompt module was imported; `failLoads(n)` makes the next n imports fail.
 */
function fakePrompt() {
  const surveys: Survey[] = [];
  let closedByClient = 0;
  let loads = 0;
  let failing = 0;
  let live = true;
  const render: Renderer = (survey): RenderedPrompt => {
    surveys.push(survey);
    return { close: () => void closedByClient++, live: () => live };
  };
  const importPrompt = async (): Promise<PromptModule> => {
    loads++;
    if (failing > 0) {
      failing--;
      throw new TypeError('Failed to fetch dynamically imported module');
    }
    return { renderPrompt: render, en };
  };
  return {
    render,
    importPrompt,
    surveys,
    /** The survey shown last. */
    get current(): Survey {
      const s = surveys[surveys.length - 1];
      if (!s) throw new Error('no prompt was rendered');
      return s;
    },
    get closedByClient() {
      return closedByClient;
    },
    get loads() {
      return loads;
    },
    failLoads(n: number) {
      failing = n;
    },
    /** Pretend the page removed the prompt from the DOM. */
    removeFromPage() {
      live = false;
    },
  };
}

/**
 * Locale modules: English plus the given ones; any other code fails to load, as a missing file would.
 * `requested` lists every code asked for, in order.
 */
export function fakeLocales(extra: Record<string, Partial<Messages>> = {}) {
  const requested: string[] = [];
  const importLocale: ImportLocale = async (code) => {
    requested.push(code);
    const m = code === 'en' ? en : extra[code];
    if (!m) throw new TypeError(`Failed to fetch locales/${code}.js`);
    return { default: m };
  };
  return { importLocale, requested };
}

/** An idle scheduler the test runs by hand. */
function fakeIdle() {
  const tasks: (() => void)[] = [];
  return {
    whenIdle: (task: () => void) => {
      tasks.push(task);
      return () => {
        const at = tasks.indexOf(task);
        if (at >= 0) tasks.splice(at, 1);
      };
    },
    /** Runs every task scheduled so far. */
    run: () => {
      for (const task of tasks.splice(0)) task();
    },
    get pending() {
      return tasks.length;
    },
  };
}

/** The real built-in prompt module, from source. */
export const builtInPrompt = (): Promise<PromptModule> => import('../../src/prompt-entry');

/** Every env fake at once; override any. */
export function fakeEnv(over: Partial<ClientEnv> = {}) {
  const clock = fakeClock();
  const outbox = fakeOutbox();
  const view = fakePrompt();
  const locales = fakeLocales();
  const idle = fakeIdle();
  const store = over.store ?? memoryKvStore();
  const env: Partial<ClientEnv> = {
    store,
    now: clock.now,
    random: seededRandom(),
    importPrompt: view.importPrompt,
    // Already loaded: the survey runtime is pure, and a dynamic import would only add latency.
    importSurvey: async () => surveyRuntime,
    importLocale: locales.importLocale,
    whenIdle: idle.whenIdle,
    outbox: outbox.factory,
    ...over,
  };
  return { env, clock, outbox, view, locales, idle, store };
}

/** A store that logs the name of every operation it gets (consent: nothing may touch the device). */
export function recordingStore(inner: ErasableKvStore = memoryKvStore()) {
  const calls: string[] = [];
  const log =
    <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
    (...a: A) => {
      calls.push(name);
      return f(...a);
    };
  const store: ErasableKvStore = {
    get: log('get', inner.get) as ErasableKvStore['get'],
    set: log('set', inner.set),
    update: log('update', inner.update) as ErasableKvStore['update'],
    updateMany: log('updateMany', inner.updateMany) as ErasableKvStore['updateMany'],
    del: log('del', inner.del),
    entries: log('entries', inner.entries) as ErasableKvStore['entries'],
    erase: log('erase', inner.erase),
  };
  return { store, calls, inner };
}

/**
 * The real trigger runtime behind a gate: it loads when the test calls `release()` (or at once with
 * `open: true`); `watches` and `stops` count what the client started and stopped.
 */
export function gatedTriggers(open = false) {
  let release!: () => void;
  const gate = open ? Promise.resolve() : new Promise<void>((r) => (release = r));
  let loads = 0;
  let watches = 0;
  let stops = 0;
  const importTriggers = async (): Promise<TriggersModule> => {
    loads++;
    await gate;
    const real = await import('../../src/triggers-entry');
    return {
      ...real,
      watchTriggers(stages, options) {
        watches++;
        const watch = real.watchTriggers(stages, options);
        return {
          track: watch.track,
          stop: () => {
            stops++;
            watch.stop();
          },
        };
      },
    };
  };
  return {
    importTriggers,
    release: () => release?.(),
    get loads() {
      return loads;
    },
    get watches() {
      return watches;
    },
    get stops() {
      return stops;
    },
  };
}

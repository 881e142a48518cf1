import type { TimerHost } from '../../src/triggers/kinds/after-seconds';
import type { ClickRoot } from '../../src/triggers/kinds/click';
import type { HistoryLike, NavigationHost, NavigationLike } from '../../src/triggers/watch-navigation';
import type { TriggerHost } from '../../src/triggers/watch-triggers';

/**
 * `setTimeout`/`clearTimeout` and `performance.now()` on a clock the test moves with `advance(ms)`.
 * Like browsers, a delay over 2^31-1 ms overflows and runs at once.
 */
export function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers = {
    setTimeout(callback: () => void, ms: number): number {
      due.set(nextId, { at: now + (ms > 2 ** 31 - 1 ? 0 : ms), callback });
      return nextId++;
    },
    clearTimeout(id: number | undefined): void {
      if (id !== undefined) due.delete(id);
    },
    performance: { now: () => now },
    /** How many timeouts are scheduled right now. */
    get pending() {
      return due.size;
    },
    /** Moves the clock, running each timeout that falls due, in order, at its own time. */
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const next = [...due].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = end;
    },
  };
  return timers satisfies Omit<TimerHost, 'document'>;
}

/**
 * A document whose visibility the test sets; `click` listeners go to `clicks` (the happy-dom document
 * by default, so real elements can be clicked). Counts its listeners, to prove nothing is left behind.
 */
export function fakeDocument(clicks: ClickRoot = document) {
  let visibilityState: DocumentVisibilityState = 'visible';
  const visibilityListeners = new Set<() => void>();
  const clickListeners = new Set<(event: Event) => void>();
  return {
    get visibilityState() {
      return visibilityState;
    },
    addEventListener(type: 'visibilitychange' | 'click', listener: (event: Event) => void, capture = false) {
      if (type === 'click') {
        clickListeners.add(listener);
        clicks.addEventListener('click', listener, capture);
      } else visibilityListeners.add(listener as () => void);
    },
    removeEventListener(type: 'visibilitychange' | 'click', listener: (event: Event) => void, capture = false) {
      if (type === 'click') {
        clickListeners.delete(listener);
        clicks.removeEventListener('click', listener, capture);
      } else visibilityListeners.delete(listener as () => void);
    },
    /** Hides or shows the page and fires `visibilitychange`. */
    setVisibility(state: DocumentVisibilityState) {
      visibilityState = state;
      for (const listener of visibilityListeners) listener();
    },
    get listeners() {
      return { visibilitychange: visibilityListeners.size, click: clickListeners.size };
    },
  };
}

/** A history whose methods record their calls and move `page.url`; own properties, like a wrapped one. */
type FakeHistory = HistoryLike & { calls: { method: string; self: unknown; args: unknown[] }[] };

/**
 * The navigation side of a page: location, history, window events and, with `navigationApi`, a
 * `navigation` object that fires `currententrychange` the way Chromium does (for pushState,
 * replaceState, back/forward and hash changes alike).
 */
export function fakePage({ path = '/', navigationApi = false } = {}) {
  let url = new URL(path, 'https://app.example');
  const windowEvents = new EventTarget();
  const navigationEvents = new EventTarget();
  const navigation: NavigationLike | undefined = navigationApi ? navigationEvents : undefined;
  const moved = (event: 'popstate' | 'hashchange' | undefined) =>
    navigation
      ? navigationEvents.dispatchEvent(new Event('currententrychange'))
      : event && windowEvents.dispatchEvent(new Event(event));
  const calls: FakeHistory['calls'] = [];
  const stateChange = (method: string) =>
    function (this: unknown, ...args: [unknown, string, (string | URL | null)?]) {
      calls.push({ method, self: this, args });
      if (args[2] != null) url = new URL(args[2], url);
      moved(undefined);
      return method === 'pushState' ? 'pushed' : undefined;
    };
  const history: FakeHistory = {
    pushState: stateChange('pushState'),
    replaceState: stateChange('replaceState'),
    calls,
  };
  const page = {
    location: {
      get pathname() {
        return url.pathname;
      },
    },
    history,
    navigation,
    addEventListener: (type: 'popstate' | 'hashchange', listener: () => void) =>
      windowEvents.addEventListener(type, listener),
    removeEventListener: (type: 'popstate' | 'hashchange', listener: () => void) =>
      windowEvents.removeEventListener(type, listener),
    get url() {
      return url.href;
    },
    /** Back/forward to `to`: the browser moves the URL and fires `popstate`. */
    traverse(to: string) {
      url = new URL(to, url);
      moved('popstate');
    },
    /** A fragment navigation (a `#link`): the URL's hash changes and `hashchange` fires. */
    followHash(hash: string) {
      url = new URL(hash, url);
      moved('hashchange');
    },
  };
  return page satisfies NavigationHost;
}

/** A whole page for `watchTriggers`: {@link fakePage} + {@link fakeTimers} + {@link fakeDocument}. */
export function fakeTriggerHost(options: { path?: string; navigationApi?: boolean } = {}) {
  const page = fakePage(options);
  const timers = fakeTimers();
  const doc = fakeDocument();
  const host: TriggerHost = {
    location: page.location,
    history: page.history,
    navigation: page.navigation,
    addEventListener: page.addEventListener,
    removeEventListener: page.removeEventListener,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    performance: timers.performance,
    document: doc,
  };
  return { host, page, timers, doc };
}

/** A history whose methods live on its prototype, as on `window.history`; counts the calls. */
export function prototypeHistory() {
  class PrototypeHistory {
    calls = 0;
    pushState(_data: unknown, _unused: string, _url?: string | URL | null) {
      this.calls++;
    }
    replaceState(_data: unknown, _unused: string, _url?: string | URL | null) {
      this.calls++;
    }
  }
  return new PrototypeHistory();
}

/**
 * Another library's history patch (a router or an analytics script): wraps both methods, counts the
 * calls that went through it, and can put back what it found.
 */
export function otherLibraryWrapper(history: HistoryLike) {
  const found = { pushState: history.pushState, replaceState: history.replaceState };
  const library = { calls: 0, unwrap: () => Object.assign(history, found) };
  for (const method of ['pushState', 'replaceState'] as const)
    history[method] = function (this: unknown, ...args) {
      library.calls++;
      return found[method].apply(this, args);
    };
  return library;
}

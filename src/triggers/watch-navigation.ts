type HistoryMethod = 'pushState' | 'replaceState';
type StateChange = (this: unknown, data: unknown, unused: string, url?: string | URL | null) => void;

/** The history methods the fallback wraps; `window.history` is one. */
export type HistoryLike = Record<HistoryMethod, StateChange>;

/** The Navigation API's event target (`window.navigation`), where the browser has it. */
export interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

/** What navigation watching needs from the page; `window` is one. Tests pass fakes. */
export interface NavigationHost {
  navigation?: NavigationLike;
  history: HistoryLike;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
}

/** Our wrapper of one history method, and what it wrapped. */
interface Wrapper {
  wrapper: StateChange;
  original: StateChange;
  /** Whether the method was an own property before (else it came from `History.prototype`). */
  wasOwn: boolean;
}

/** Per history object: the callbacks to notify, and our wrappers still installed. */
interface HistoryWatch {
  listeners: Set<() => void>;
  wrappers: Partial<Record<HistoryMethod, Wrapper>>;
}

const METHODS: HistoryMethod[] = ['pushState', 'replaceState'];
const watches = new WeakMap<HistoryLike, HistoryWatch>();

/**
 * Wraps `history[method]` so that it notifies `watch.listeners` after the original ran. The wrapper
 * passes `this` and every argument through and returns what the original returned; callbacks run in
 * a microtask, so an error in one never reaches the app's call.
 */
function wrap(history: HistoryLike, method: HistoryMethod, watch: HistoryWatch) {
  const original = history[method];
  const wrapper: StateChange = function (this: unknown, ...args) {
    const result = original.apply(this, args);
    // Checked again when the microtask runs: a watcher stopped in between is not called.
    for (const listener of watch.listeners)
      queueMicrotask(() => {
        if (watch.listeners.has(listener)) listener();
      });
    return result;
  };
  watch.wrappers[method] = { wrapper, original, wasOwn: Object.hasOwn(history, method) };
  history[method] = wrapper;
}

/**
 * Puts back what we wrapped, but only where our wrapper is still the outermost: if another library
 * wrapped on top of ours, replacing it would drop theirs, so ours stays as a silent pass-through
 * (there is nobody left to notify) and is reused by the next watcher.
 */
function unwrap(history: HistoryLike, watch: HistoryWatch) {
  for (const method of METHODS) {
    const installed = watch.wrappers[method];
    if (installed && history[method] === installed.wrapper) {
      if (installed.wasOwn) history[method] = installed.original;
      else delete (history as Partial<HistoryLike>)[method];
      delete watch.wrappers[method];
    }
  }
}

/** Adds `listener` to the shared wrappers of `history` (installing them once); returns the remover. */
function watchHistory(history: HistoryLike, listener: () => void): () => void {
  let watch = watches.get(history);
  if (!watch) {
    watch = { listeners: new Set(), wrappers: {} };
    watches.set(history, watch);
  }
  for (const method of METHODS) if (!watch.wrappers[method]) wrap(history, method, watch);
  watch.listeners.add(listener);
  const current = watch;
  return () => {
    current.listeners.delete(listener);
    if (!current.listeners.size) unwrap(history, current);
  };
}

/**
 * Calls `onNavigate` after every same-document navigation (pushState, replaceState, back/forward,
 * hash changes). Uses the Navigation API where the browser has it; elsewhere `popstate`, `hashchange`
 * and wrapped `history.pushState`/`replaceState`, wrapped once however many watchers there are.
 * `onNavigate` may be called more than once per navigation: read `location` and compare.
 * Returns the stop function, which restores `history` when the last watcher stops.
 * @example const stop = watchNavigation(() => check(location.pathname), window);
 */
export function watchNavigation(onNavigate: () => void, host: NavigationHost): () => void {
  const { navigation } = host;
  if (navigation) {
    navigation.addEventListener('currententrychange', onNavigate);
    return () => navigation.removeEventListener('currententrychange', onNavigate);
  }
  const events = ['popstate', 'hashchange'] as const;
  // Our own function per watcher, so that the same callback given twice is still two watchers.
  const listener = () => onNavigate();
  for (const type of events) host.addEventListener(type, listener);
  const stopHistory = watchHistory(host.history, listener);
  return () => {
    for (const type of events) host.removeEventListener(type, listener);
    stopHistory();
  };
}

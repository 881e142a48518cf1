/** The browser's address bar, as the dashboard uses it (passed in so tests can use their own). */
export interface Navigation {
  /** The current query string, with `?` (or ''). */
  search(): string;
  /** A new history entry with this query string (back returns to the previous one). */
  push(search: string): void;
  /** Calls `listener` after back/forward; returns a function that stops listening. */
  onPop(listener: () => void): () => void;
}

/** {@link Navigation} over `window.location` and `window.history`. */
export function browserNavigation(win: Window = window): Navigation {
  return {
    search: () => win.location.search,
    push(search) {
      if (search !== win.location.search) win.history.pushState(null, '', win.location.pathname + search);
    },
    onPop(listener) {
      win.addEventListener('popstate', listener);
      return () => win.removeEventListener('popstate', listener);
    },
  };
}

import type { Navigation } from '../../src/dashboard/navigation';

/** An address bar in memory: entries, back and forward (firing the pop listeners like a browser). */
export interface FakeNavigation extends Navigation {
  entries: string[];
  back(): void;
  forward(): void;
}

export function createFakeNavigation(initialSearch = ''): FakeNavigation {
  const entries = [initialSearch];
  let index = 0;
  const listeners = new Set<() => void>();
  const move = (by: number) => {
    index = Math.max(0, Math.min(entries.length - 1, index + by));
    for (const listener of listeners) listener();
  };
  return {
    entries,
    search: () => entries[index],
    push(search) {
      if (search === entries[index]) return;
      entries.splice(index + 1, entries.length, search);
      index = entries.length - 1;
    },
    onPop(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    back: () => move(-1),
    forward: () => move(1),
  };
}

/** A trigger waiting for its moment: `key` names the moment (a selector, an event name). */
export interface Waiter {
  key: string;
  happened(): void;
}

/** The triggers waiting for one kind of moment (clicks, app events). */
export interface WaitingList {
  /**
   * Adds the waiter of the trigger at `rank` (its place among all the stages' triggers, in
   * declaration order; one waiter per trigger); returns the function that removes it.
   */
  add(rank: number, waiter: Waiter): () => void;
  /** Calls the waiters of `key`, in declaration order; one that an earlier call removed is not called. */
  dispatch(key: string): void;
}

/**
 * A list of waiting triggers kept in declaration order, whatever order they started waiting in, so
 * that a moment that fires several stages shows them in the order the stages were declared.
 * `onChange` hears every change, with the waiters in that order.
 * @example const appEvents = waitingList(); appEvents.add(0, { key: 'upgraded', happened: fire });
 */
export function waitingList(onChange?: (waiters: Waiter[]) => void): WaitingList {
  // Indexed by rank: a sparse array, whose filter() and for…of skip the gaps, in index order.
  const byRank: Waiter[] = [];
  const changed = () => onChange?.(byRank.filter(Boolean));
  return {
    add(rank, waiter) {
      byRank[rank] = waiter;
      changed();
      return () => {
        if (byRank[rank] !== waiter) return;
        delete byRank[rank];
        changed();
      };
    },
    dispatch(key) {
      for (const waiter of byRank.filter(Boolean)) if (waiter.key === key && byRank.includes(waiter)) waiter.happened();
    },
  };
}

/** Runs `change` after every change made before it has finished (stored or not). */
export type InTurn = <T>(change: () => Promise<T>) => Promise<T>;

/**
 * Changes that run one after another, each once the one before it has finished, so each decides
 * from the record as the one before it left it: a dismiss() made while answer() is still storing
 * must see the score, not the shown version. Returns `[inTurn, settled]`; `settled()` resolves when
 * every change made so far has finished.
 */
export function takeTurns(): [inTurn: InTurn, settled: () => Promise<unknown>] {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn: InTurn = (change) => {
    const done = queue.then(change);
    queue = done.catch(() => {});
    return done;
  };
  return [inTurn, () => queue];
}

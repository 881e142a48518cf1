import type { TriggerCondition } from './trigger-condition';

/** One trigger of one stage, its conditions' runtimes, and where it stands. */
export interface StageTrigger {
  readonly stage: string;
  /**
   * A new page view at `pathname`. The trigger enters when all its page conditions match (with none,
   * every page view is an entry) and starts waiting, unless its stage `fired` earlier in this view.
   * A trigger with a page condition (`path`) that still matches is not entering again: it goes on
   * as it was, its timer running.
   */
  view(pathname: string, fired: ReadonlySet<string>): void;
  /** Stops whatever it is waiting for: its timer, its click or its event. */
  settle(): void;
}

/**
 * Puts a trigger's conditions in their places: once it entered a page view and its waits
 * (`afterSeconds`) have held, one after the other, `fire(stage)` is called, at once or at its moment
 * (`click`, `event`).
 * @example const trigger = stageTrigger('checkout', [{ page: (pathname) => pathname === '/checkout' }], fire);
 */
export function stageTrigger(
  stage: string,
  conditions: readonly TriggerCondition[],
  fire: (stage: string) => void,
): StageTrigger {
  const pages: ((pathname: string) => boolean)[] = [];
  const waits: ((holds: () => void) => () => void)[] = [];
  const moments: ((happened: () => void) => () => void)[] = [];
  for (const condition of conditions) {
    if ('page' in condition) pages.push(condition.page);
    else if ('wait' in condition) waits.push(condition.wait);
    else moments.push(condition.moment);
  }
  // It entered on this page view or an earlier one whose pathname it also matched, and has not left since.
  let entered = false;
  // The stop functions of what it waits for right now.
  const running: (() => void)[] = [];
  const fireStage = () => fire(stage);
  const settle = () => {
    for (const stop of running.splice(0)) stop();
  };
  // Waits first, then the moment: each step starts the next when it holds (a moment, each time it
  // happens); past the last step the stage fires.
  const steps = [...waits, ...moments];
  const start = (step: number) => {
    const next = steps[step];
    if (!next) return fireStage();
    running.push(next(() => start(step + 1)));
  };

  return {
    stage,
    view(pathname, fired) {
      const matches = pages.every((page) => page(pathname));
      // Still within its pattern: the same visit goes on.
      if (matches && entered && pages.length) return;
      settle();
      entered = matches;
      if (matches && !fired.has(stage)) start(0);
    },
    settle,
  };
}

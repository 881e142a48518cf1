import type { TriggerCondition } from '../trigger-condition';
import { type WaitingList, waitingList } from '../waiting-list';

/** A selector to watch and what to do when an element matching it (or inside one) is clicked. */
export interface ClickTarget {
  selector: string;
  onClick(): void;
}

/** Where clicks are listened for; `document` is one. */
export interface ClickRoot {
  addEventListener(type: 'click', listener: (event: Event) => void, capture: boolean): void;
  removeEventListener(type: 'click', listener: (event: Event) => void, capture: boolean): void;
}

/**
 * One delegated listener for every target: a click whose target is inside an element matching a
 * target's selector calls its `onClick`, however late the element was added. The capture phase, so an
 * app that stops the click's propagation does not hide it. Returns the stop function.
 * @example const stop = watchClicks([{ selector: '#export', onClick: () => show() }], document);
 */
export function watchClicks(targets: readonly ClickTarget[], root: ClickRoot): () => void {
  const onClick = ({ target }: Event) => {
    // A click's target is an element; guard anyway (text nodes and window have no closest()).
    const element = target as Partial<Element> | null;
    for (const { selector, onClick } of targets) if (element?.closest?.(selector)) onClick();
  };
  root.addEventListener('click', onClick, true);
  return () => root.removeEventListener('click', onClick, true);
}

// One list of waiting click triggers per root, and so one delegated listener however many wait.
const waitingClicks = new WeakMap<ClickRoot, WaitingList>();

/** The click triggers waiting on `root`: the listener is rebuilt whenever they change, and removed when none is left. */
function clicksOn(root: ClickRoot): WaitingList {
  let list = waitingClicks.get(root);
  if (!list) {
    let stop: (() => void) | undefined;
    list = waitingList((waiters) => {
      stop?.();
      const targets = waiters.map(({ key, happened }) => ({ selector: key, onClick: happened }));
      stop = targets.length ? watchClicks(targets, root) : undefined;
    });
    waitingClicks.set(root, list);
  }
  return list;
}

/**
 * The `click` kind: once the trigger is ready, a click on an element matching `selector` (or inside
 * one) fires it, through one delegated listener on `root` that exists only while click triggers wait.
 * `rank` is the trigger's place in declaration order, the order in which one click fires stages.
 * @example clickCondition('#export-button', document, 0)
 */
export const clickCondition = (
  selector: string | undefined,
  root: ClickRoot,
  rank: number,
): TriggerCondition | undefined =>
  selector ? { moment: (happened) => clicksOn(root).add(rank, { key: selector, happened }) } : undefined;

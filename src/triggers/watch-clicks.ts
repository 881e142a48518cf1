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

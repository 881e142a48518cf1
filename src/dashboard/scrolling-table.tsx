import type { ComponentChildren } from 'preact';

/**
 * The box a wide table scrolls in on narrow screens (the page itself never scrolls sideways): it
 * takes focus so keyboard users can scroll it, and is named for screen readers.
 * @example <ScrollingTable label="By stage, table"><table class="figures">…</table></ScrollingTable>
 */
export function ScrollingTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus, or keyboard users cannot scroll it
    // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a section of the page; role=region is how it gets a name
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

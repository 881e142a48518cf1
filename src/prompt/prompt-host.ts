import type { Position } from '../core/stage-options';

/** The host element's tag name; pages may style it (`nps-widget { --nps-accent: … }`). */
const HOST_TAG = 'nps-widget';
/** Set on every host element, whatever its tag name: `[data-nps-widget]` always finds the prompt. */
const HOST_ATTRIBUTE = 'data-nps-widget';

/**
 * The element the prompt's shadow root hangs on. A page that already defined its own `nps-widget`
 * custom element (which may attach a shadow root of its own) keeps it: the prompt then uses a tag
 * of its own, `nps-widget-` plus the end of the survey id.
 */
export function createHost(surveyId: string, doc: Document = document): HTMLElement {
  const taken = !!doc.defaultView?.customElements?.get(HOST_TAG);
  const suffix =
    surveyId
      .toLowerCase()
      .replace(/[^0-9a-z]/g, '')
      .slice(-12) || 'prompt';
  const host = doc.createElement(taken ? `${HOST_TAG}-${suffix}` : HOST_TAG);
  host.setAttribute(HOST_ATTRIBUTE, '');
  return host;
}

/**
 * The page element an `{ inline }` position renders into; null for the floating positions, and for
 * a selector that matches nothing (or is not a selector): the prompt then falls back to the corner
 * instead of not showing.
 */
export function inlineContainer(position: Position, doc: Document = document): Element | null {
  const inline = typeof position === 'object' ? position.inline : undefined;
  if (typeof inline !== 'string') return inline ?? null;
  try {
    return doc.querySelector(inline);
  } catch {
    return null;
  }
}

/**
 * Adopts `css` as a constructable stylesheet (CSP-proof: no `<style>` element needed). Returns
 * undefined where that is not supported; the caller then renders a `<style nonce>`.
 */
export function adoptStyleSheet(root: ShadowRoot, css: string): CSSStyleSheet | undefined {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return sheet;
  } catch {
    return undefined;
  }
}

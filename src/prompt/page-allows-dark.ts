/**
 * Whether the host page declares that it supports a dark colour scheme: `color-scheme` on the root
 * element (CSS or style) or a `<meta name="color-scheme">` that names `dark`. A light-only page on a
 * dark OS says neither, and then `theme.mode: 'auto'` keeps the prompt light to match the page.
 */
export function pageAllowsDark(doc: Document = document): boolean {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="color-scheme" i]')?.content ?? '';
  const root = doc.documentElement;
  const css = root ? getComputedStyle(root).colorScheme || root.style.colorScheme || '' : '';
  return /\bdark\b/.test(`${meta} ${css}`);
}

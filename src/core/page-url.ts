/**
 * The `page` field of a record: the page's origin and path, without the query string, the
 * fragment, or `;` path parameters (`/cart;jsessionid=1A2B` becomes `/cart`), which often carry
 * session ids that must not leave the device.
 * @example pageUrl(location) // 'https://app.example/settings/billing'
 */
export function pageUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return location.origin + location.pathname.replace(/;[^/]*/g, '');
}

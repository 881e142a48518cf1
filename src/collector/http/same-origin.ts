const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Whether a browser request comes from a page of this collector's own origin: its `Origin` is the
 * request URL's origin, or the scheme of the request URL with the `Host` the browser addressed (the
 * Node adapter builds URLs from a fixed base, so the two can differ). A cross-site page cannot choose
 * either header.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin == null) return false;
  const url = new URL(request.url);
  if (origin === url.origin) return true;
  const host = request.headers.get('host');
  return host != null && HOST.test(host) && origin === `${url.protocol}//${host.toLowerCase()}`;
}

/** Whether `host` is a syntactically valid Host header value (name or IP literal, optional port). */
export const isValidHost = (host: string): boolean => HOST.test(host);

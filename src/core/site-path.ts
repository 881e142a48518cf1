/**
 * A path on this origin ("/api/nps", "/help"): as safe as the page itself, for the endpoint and for
 * a thank-you link. Not `//host` or `/\host`, which browsers read as another host; and no ASCII
 * whitespace or control character anywhere, because browsers drop tabs and newlines from URLs:
 * "/\t/evil.example" would become "//evil.example".
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a site path must not contain
export const SITE_PATH = /^\/(?![/\\])[^\x00-\x20\x7f]*$/;

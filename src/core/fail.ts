/**
 * Throws `TypeError: nps: <path> must be <expected>, got <value>`: the one shape of every input
 * error, kept apart from the option tables so that code checking a single value (a score) does
 * not bundle them.
 * @example fail('options.endpoint', 'an https URL', 'ftp://x') // TypeError: nps: options.endpoint must be an https URL, got "ftp://x"
 */
export function fail(path: string, expected: string, value: unknown): never {
  let shown: string | undefined;
  try {
    shown = typeof value === 'function' ? 'a function' : JSON.stringify(value);
  } catch {}
  throw new TypeError(`nps: ${path} must be ${expected}, got ${shown ?? String(value)}`);
}

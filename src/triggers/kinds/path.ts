import type { TriggerCondition } from '../trigger-condition';

/** One path pattern: a glob over `location.pathname` (`*` one segment, `**` any number), or a RegExp. */
type PathPattern = string | RegExp;

/** A pattern, or a list of them meaning any. */
export type PathPatterns = PathPattern | readonly PathPattern[];

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** One segment of a glob as a RegExp source: `**`, `*`, or literal text with `*` inside it. */
const segmentSource = (segment: string) => {
  if (segment === '**') return '(?:/[^/]+)*';
  return `/${segment === '*' ? '[^/]+' : escapeRegExp(segment).replace(/\*/g, '[^/]*')}`;
};

/**
 * Compiles a glob to a RegExp over a pathname. Segments are split on `/` and empty ones dropped, so a
 * trailing (or doubled) slash does not matter. `**` alone in a segment matches any number of segments,
 * zero included; `*` alone matches exactly one; `*` inside a segment (`/v*`) matches any characters but `/`.
 */
const compileGlob = (glob: string): RegExp =>
  RegExp(`^${glob.split('/').filter(Boolean).map(segmentSource).join('')}/?$`);

/**
 * Returns a test for pathnames: true when any of `patterns` matches. Compile once, test on every
 * navigation. A RegExp is tested as given (its `g`/`y` flags do not make it stateful here).
 * @example pathPattern(['/projects', '/projects/**'])('/projects/42/settings') // true
 */
export function pathPattern(patterns: PathPatterns): (pathname: string) => boolean {
  const tests = ([] as PathPattern[])
    .concat(patterns)
    .map((pattern) => (typeof pattern === 'string' ? compileGlob(pattern) : pattern));
  // search() ignores lastIndex, so a global RegExp gives the same answer every time.
  return (pathname) => tests.some((test) => pathname.search(test) > -1);
}

/**
 * Whether `pathname` (a `location.pathname`: no query, no hash) matches any of `patterns`.
 * @example matchPath('/checkout/*', '/checkout/complete/') // true
 */
export const matchPath = (patterns: PathPatterns, pathname: string): boolean => pathPattern(patterns)(pathname);

/**
 * The `path` kind: the trigger takes part only in page views whose pathname matches, compiled once.
 * @example pathCondition('/checkout/complete')
 */
export const pathCondition = (patterns: PathPatterns | undefined): TriggerCondition | undefined =>
  patterns === undefined ? undefined : { page: pathPattern(patterns) };

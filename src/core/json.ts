/** A JSON value: what traits and metadata may hold, so records survive `JSON.stringify` unchanged. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Whether `value` is plain JSON (finite numbers, plain objects and arrays, no cycles, depth ≤ 20).
 * @example isJson({ plan: 'pro' }) // true
 */
export function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 20) return false;
  if (value === null || typeof value == 'string' || typeof value == 'boolean') return true;
  if (typeof value == 'number') return isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value == 'object') {
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) &&
      Object.values(value as object).every((v) => isJson(v, depth + 1));
  }
  return false;
}

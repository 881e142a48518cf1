/** A JSON value: what traits and metadata may hold, so records survive `JSON.stringify` unchanged. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Whether `value` is plain JSON (finite numbers, plain objects and arrays, no cycles, depth ≤ 20).
 * @example isJson({ plan: 'pro' }) // true
 */
export function isJson(value: unknown, depth = 0): value is Json {
  const t = typeof value;
  return (
    depth < 21 &&
    (value === null || t == 'string' || t == 'boolean' ||
      (t == 'number'
        ? isFinite(value as number)
        : t == 'object' &&
          (Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value))) &&
          Object.values(value as object).every((v) => isJson(v, depth + 1))))
  );
}

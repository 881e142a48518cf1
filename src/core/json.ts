/** A JSON value: what traits and metadata may hold, so records survive `JSON.stringify` unchanged. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Whether text can be stored as it is: PostgreSQL text holds no NUL, and an unpaired surrogate is no
 * character at all, so the collector refuses both (and with them the whole record).
 * @example isStorableText('ok') // true
 */
export const isStorableText = (text: string) => !/\0|\p{Cs}/u.test(text);

/**
 * Whether `value` is plain JSON (finite numbers, plain objects and arrays, no cycles, depth ≤ 20)
 * whose keys and strings are storable text.
 * @example isJson({ plan: 'pro' }) // true
 */
export function isJson(value: unknown, depth = 0): value is Json {
  const type = typeof value;
  return (
    depth < 21 &&
    (value === null ||
      type === 'boolean' ||
      (type === 'string' && isStorableText(value as string)) ||
      (type === 'number'
        ? Number.isFinite(value)
        : type === 'object' &&
          (Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value))) &&
          Object.entries(value as object).every(([key, item]) => isStorableText(key) && isJson(item, depth + 1))))
  );
}

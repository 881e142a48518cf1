/**
 * `value`, or a thrown error naming `what` when it is null or undefined: for a test that needs a value to
 * go on (a stored record, a chunk with German in it), where a missing one must fail the test at once.
 * @example
 * const record = defined(collector.stored.get(id), `the record ${id}`);
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, found none`);
  return value;
}

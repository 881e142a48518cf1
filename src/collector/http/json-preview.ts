/** Where a preview stops, however large or deep the value. */
const PREVIEW_LENGTH = 40;

/** Writes `value` as JSON into `out` until `budget` characters are written; the walk stops there. */
function write(value: unknown, out: string[], budget: { left: number }): void {
  if (budget.left <= 0) return;
  const emit = (text: string) => {
    out.push(text);
    budget.left -= text.length;
  };
  if (typeof value === 'string') {
    emit(JSON.stringify(value.slice(0, budget.left)));
    return;
  }
  if (value === null || typeof value !== 'object') {
    emit(JSON.stringify(value) ?? String(value));
    return;
  }
  const array = Array.isArray(value);
  emit(array ? '[' : '{');
  let first = true;
  // for…in walks an object's keys without copying them all first (a huge object costs what is written).
  for (const key in value) {
    if (budget.left <= 0) return;
    if (!Object.hasOwn(value, key)) continue;
    if (!first) emit(',');
    first = false;
    if (!array) emit(`${JSON.stringify(key.slice(0, budget.left))}:`);
    write((value as Record<string, unknown>)[key], out, budget);
  }
  emit(array ? ']' : '}');
}

/**
 * At most 40 characters of `value` as JSON, for a message: what is longer ends in `…`. Only as much
 * of the value is read as is shown, so a value nested to any depth, or of any size, costs a bounded
 * walk (each level writes at least one character, so the walk is at most about 40 levels deep).
 * @example jsonPreview({ plan: 'pro' }) // '{"plan":"pro"}'
 * @example jsonPreview([[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]) // '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[…'
 */
export function jsonPreview(value: unknown): string {
  const out: string[] = [];
  write(value, out, { left: PREVIEW_LENGTH + 1 });
  const text = out.join('');
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 3)}…` : text;
}

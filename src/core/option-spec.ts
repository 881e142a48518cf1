import { fail } from './fail';

/** `true` when the value is fine, else what it should have been. */
export type Check = (value: unknown) => true | string;
export type Spec = { [key: string]: Check | Spec };

/** A plain object (not an array, not null). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Throws unless `value` is an object whose keys are all in `spec` and whose defined values pass their checks. */
export function walk(value: unknown, spec: Spec, path: string): asserts value is Record<string, unknown> {
  if (!isObject(value)) fail(path, 'an object', value);
  for (const [key, option] of Object.entries(value)) {
    const check = spec[key];
    const at = `${path}.${key}`;
    if (!check) throw new TypeError(`nps: ${at} is not an option`);
    if (option === undefined) continue;
    if (typeof check === 'object') walk(option, check, at);
    else if (check(option) !== true) fail(at, check(option) as string, option);
  }
}

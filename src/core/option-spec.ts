import { fail } from './fail';

/** `true` when the value is fine, else what it should have been. */
export type Check = (value: unknown) => true | string;
export type Spec = { [key: string]: Check | Spec };

/** A plain object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);

/** Throws unless `value` is an object whose keys are all in `spec` and whose defined values pass their checks. */
export function walk(value: unknown, spec: Spec, path: string) {
  if (!isObject(value)) fail(path, 'an object', value);
  for (const [key, v] of Object.entries(value)) {
    const check = spec[key];
    const at = `${path}.${key}`;
    if (!check) throw new TypeError(`nps: ${at} is not an option`);
    if (v === undefined) continue;
    if (typeof check == 'object') walk(v, check, at);
    else if (check(v) !== true) fail(at, check(v) as string, v);
  }
}

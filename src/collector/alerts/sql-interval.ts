/**
 * Parameter `$n`, a number of milliseconds, as an SQL interval.
 * @example `now() + ${millisecondsParam(1)}` // now() + ($1::float8 * interval '1 millisecond')
 */
export const millisecondsParam = (n: number): string => `($${n}::float8 * interval '1 millisecond')`;

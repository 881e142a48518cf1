// RFC 3339 date-times with an offset. Offsets up to ±15:59: PostgreSQL refuses larger ones ("time zone
// displacement out of range").
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](?:0\d|1[0-5]):[0-5]\d)$/;
const DAY = /^(\d{4})-(\d\d)-(\d\d)$/;

/** The first instant the collector does not store: every accepted time is before year 10000 in UTC. */
export const END_OF_TIME = Date.UTC(10000, 0, 1);

const realDay = (y: number, m: number, d: number) =>
  y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The instant of an RFC 3339 date-time with an offset, or undefined when it is not one, names a day
 * that does not exist (2026-02-30), or falls outside 1970 to 9999 in UTC (a local 9999-12-31T23:59
 * with a negative offset is already year 10000 in UTC, which PostgreSQL's output cannot express).
 */
export function parseDateTime(s: string): number | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Date.parse(s);
  if (!realDay(y, mo, d) || h > 23 || mi > 59 || sec > 59 || isNaN(ms) || ms < 0 || ms >= END_OF_TIME) return undefined;
  return ms;
}

/** Midnight UTC of a real day "YYYY-MM-DD" from 1970 to 9999, or undefined. */
export function parseDay(s: string): number | undefined {
  const m = DAY.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = m.slice(1, 4).map(Number) as [number, number, number];
  return realDay(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
}

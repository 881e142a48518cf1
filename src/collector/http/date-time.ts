// RFC 3339 date-times with an offset. Offsets up to ±15:59: PostgreSQL refuses larger ones ("time zone
// displacement out of range").
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](?:0\d|1[0-5]):[0-5]\d)$/;
const DAY = /^(\d{4})-(\d\d)-(\d\d)$/;

/** The first instant the collector does not store: every accepted time is before year 10000 in UTC. */
const END_OF_TIME = Date.UTC(10000, 0, 1);

const realDay = (year: number, month: number, day: number) =>
  year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant of an RFC 3339 date-time with an offset, or undefined when it is not one, names a day
 * that does not exist (2026-02-30), or falls outside 1970 to 9999 in UTC (a local 9999-12-31T23:59
 * with a negative offset is already year 10000 in UTC, which PostgreSQL's output cannot express).
 */
export function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.parse(text);
  if (
    !realDay(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number.isNaN(ms) ||
    ms < 0 ||
    ms >= END_OF_TIME
  )
    return undefined;
  return ms;
}

/** Midnight UTC of a real day "YYYY-MM-DD" from 1970 to 9999, or undefined. */
export function parseDay(text: string): number | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  return realDay(year, month, day) ? Date.UTC(year, month - 1, day) : undefined;
}

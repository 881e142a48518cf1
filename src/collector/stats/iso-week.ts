/**
 * ISO 8601 week of a date in UTC, e.g. "2026-W48" (weeks start on Monday; week 1 holds January 4th).
 * @example isoWeek('2026-11-23T10:00:00Z') // '2026-W48'
 */
export function isoWeek(date: Date | string | number): string {
  const instant = new Date(date);
  const day = (instant.getUTCDay() + 6) % 7; // Monday = 0
  // The Thursday of this week decides the ISO year.
  const thursday = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/** How far ahead of the server's clock a stored `shownAt` can be (the clock-skew allowance, rounded up). */
const FUTURE_MS = 10 * 60_000;

/** Whole UTC days `[first, end)` ('YYYY-MM-DD'; undefined: unbounded) counted from the rollups, added or subtracted. */
interface DaySpan {
  first?: string;
  end?: string;
  sign: 1 | -1;
}

/** Part of a day `[from, to)` counted from the stored rows (through the `shown_at` index), added or subtracted. */
interface RowSpan {
  from: Date;
  to: Date;
  sign: 1 | -1;
}

/**
 * How to count a range exactly: whole days from the rollups, and the parts of the days at its
 * edges from the stored rows. Each edge is counted on its smaller side: the part inside the range,
 * or the whole day minus the part outside it; what lies after `now` counts as nothing, so a range
 * that ends now costs no rows at its end. Reading never touches more than about one day's rows.
 */
export interface RangePlan {
  days: DaySpan[];
  rows: RowSpan[];
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const midnight = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** How many rows a part of a day may hold, roughly: its length, with nothing after now. */
const weight = (from: number, to: number, now: number) => Math.max(0, Math.min(to, now + FUTURE_MS) - from);

/** `[from, to)` within the day starting at `day`, counted on its smaller side. */
function partOfDay(day: number, from: number, to: number, now: number): RangePlan {
  const inside = weight(from, to, now);
  const outside = weight(day, from, now) + weight(to, day + DAY_MS, now);
  if (inside <= outside) return { days: [], rows: [{ from: new Date(from), to: new Date(to), sign: 1 }] };
  const rows: RowSpan[] = [];
  if (from > day) rows.push({ from: new Date(day), to: new Date(from), sign: -1 });
  if (to < day + DAY_MS) rows.push({ from: new Date(to), to: new Date(day + DAY_MS), sign: -1 });
  return { days: [{ first: dayOf(day), end: dayOf(day + DAY_MS), sign: 1 }], rows };
}

/**
 * The plan that counts `[from, to)` (either end may be open) exactly.
 * @example planRange(new Date('2026-11-01T00:00Z'), new Date('2026-12-01T00:00Z'), now)
 * // { days: [{ first: '2026-11-01', end: '2026-12-01', sign: 1 }], rows: [] }
 */
export function planRange(from: Date | undefined, to: Date | undefined, now: number): RangePlan {
  const start = from?.getTime();
  const end = to?.getTime();
  if (start !== undefined && end !== undefined && start >= end) return { days: [], rows: [] };
  const startDay = start === undefined ? undefined : midnight(start);
  const endDay = end === undefined ? undefined : midnight(end);
  if (start !== undefined && end !== undefined && midnight(start) === midnight(end))
    return partOfDay(midnight(start), start, end, now);
  const plan: RangePlan = { days: [], rows: [] };
  const add = (part: RangePlan) => {
    plan.days.push(...part.days);
    plan.rows.push(...part.rows);
  };
  // Whole days: from the first full day to the day `to` falls in.
  let firstWhole = startDay;
  if (start !== undefined && startDay !== undefined && start > startDay) {
    add(partOfDay(startDay, start, startDay + DAY_MS, now));
    firstWhole = startDay + DAY_MS;
  }
  if (firstWhole === undefined || endDay === undefined || firstWhole < endDay)
    plan.days.push({
      first: firstWhole === undefined ? undefined : dayOf(firstWhole),
      end: endDay === undefined ? undefined : dayOf(endDay),
      sign: 1,
    });
  if (end !== undefined && endDay !== undefined && end > endDay) add(partOfDay(endDay, endDay, end, now));
  return plan;
}

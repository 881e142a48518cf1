import { npsChange, previousRange, type TimeRange } from './nps-figures';
import type { StatsReply } from '../../core/api-types';
import { followUpMetrics } from '../follow-up/follow-up-metrics';
import { NO_STAGE, type StatsFilter } from '../http/read-filter';
import type { ResponseStore } from '../store/response-store';

/** The range `change` looks at when the request gives no `from`: this many days up to `to` (or now). */
const DEFAULT_CHANGE_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * The range whose NPS `change` compares with the range of equal length before it: the request's
 * range; without `from`, the {@link DEFAULT_CHANGE_DAYS} days up to `to`; without `to`, up to now.
 * @example changeRange({}, Date.parse('2026-12-01T00:00:00Z')) // 2026-11-01 … 2026-12-01
 */
function changeRange(filter: StatsFilter, now: number): TimeRange {
  const to = filter.to ?? new Date(now);
  const from = filter.from ?? new Date(to.getTime() - DEFAULT_CHANGE_DAYS * DAY_MS);
  return { from, to };
}

/**
 * `GET /api/stats`: the store's figures (overall, by stage, by week, by segment), the change against
 * the previous range of equal length, and the follow-up metrics of the range.
 */
export async function readStats(store: ResponseStore, filter: StatsFilter, now: number): Promise<StatsReply> {
  const range = changeRange(filter, now);
  const previous = previousRange(range);
  const { stage } = filter;
  const [base, current, before] = await Promise.all([
    store.stats(filter),
    store.counts({ stage, ...range }),
    store.counts({ stage, ...previous }),
  ]);
  const followUp = await followUpMetrics(
    store.db.query,
    { stage: stage === NO_STAGE ? null : stage, from: filter.from, to: filter.to },
    base.detractors,
  );
  return { ...base, change: npsChange(current, before, previous, range), followUp };
}

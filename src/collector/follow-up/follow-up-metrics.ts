import type { FollowUpMetrics } from '../../core/api-types';
import { NO_STAGE } from '../http/read-filter';
import type { Query } from '../store/queryable';
import { readCounts } from '../store/read-figures';
import { filterClauses, type ResponseFilter } from './response-filter';

/**
 * How well the loop is closed on the detractor answers of `filter`'s range (`detractors`: their
 * number, when the caller has it; else counted from the rollups): how many of them were ever marked `contacted` (or straight `resolved`), and the
 * median hours from the answer to that first contact. It starts from the follow-up history, so its
 * cost grows with the follow-ups the team made, not with the responses stored.
 * @example await followUpMetrics(db.query, { from, to }) // { detractors: 12, contacted: 9, contactedShare: 0.75, medianHoursToContact: 5.5 }
 */
export async function followUpMetrics(
  query: Query,
  filter: ResponseFilter = {},
  detractorsInRange?: number,
): Promise<FollowUpMetrics> {
  const detractors =
    detractorsInRange ??
    (
      await readCounts(
        { query },
        { stage: filter.stage === null ? NO_STAGE : filter.stage, from: filter.from, to: filter.to },
      )
    ).detractors;
  const params: unknown[] = [];
  const { rows } = await query(
    `with contacts as (
       select response_id, min(changed_at) as contacted_at from nps_follow_up_history
       where status in ('contacted', 'resolved') group by response_id)
     select count(*)::int as contacted,
       percentile_cont(0.5) within group (
         order by greatest(0, extract(epoch from c.contacted_at - coalesce(r.answered_at, r.updated_at)))::float8 / 3600)
         as median_hours
     from contacts c join nps_responses r on r.id = c.response_id
     where r.status = 'answered' and r.category = 'detractor'${filterClauses(filter, params)}`,
    params,
  );
  const row = rows[0] ?? {};
  const contacted = Number(row.contacted ?? 0);
  return {
    detractors,
    contacted,
    contactedShare: detractors ? Math.round((contacted / detractors) * 10_000) / 10_000 : 0,
    medianHoursToContact: row.median_hours == null ? null : Math.round(Number(row.median_hours) * 10) / 10,
  };
}

import type { FollowUpMetrics } from '../../core/api-types';
import type { Query } from '../store/queryable';
import { filterClauses, type ResponseFilter } from './response-filter';

/**
 * How well the loop is closed on detractor answers in `filter`'s range: how many there are, how many
 * were ever marked `contacted` (or straight `resolved`), and the median hours from the answer to that
 * first contact, from the follow-up history.
 * @example await followUpMetrics(db.query, { from, to }) // { detractors: 12, contacted: 9, contactedShare: 0.75, medianHoursToContact: 5.5 }
 */
export async function followUpMetrics(query: Query, filter: ResponseFilter = {}): Promise<FollowUpMetrics> {
  const params: unknown[] = [];
  const { rows } = await query(
    `with detractors as (
       select coalesce(r.answered_at, r.updated_at) as answered_at,
         (select min(h.changed_at) from nps_follow_up_history h
          where h.response_id = r.id and h.status in ('contacted', 'resolved')) as contacted_at
       from nps_responses r where r.status = 'answered' and r.category = 'detractor'${filterClauses(filter, params)})
     select count(*)::int as detractors, count(contacted_at)::int as contacted,
       percentile_cont(0.5) within group (order by greatest(0, extract(epoch from contacted_at - answered_at))::float8 / 3600)
         filter (where contacted_at is not null) as median_hours
     from detractors`,
    params,
  );
  const row = rows[0] ?? {};
  const detractors = Number(row.detractors ?? 0);
  const contacted = Number(row.contacted ?? 0);
  return {
    detractors,
    contacted,
    contactedShare: detractors ? Math.round((contacted / detractors) * 10_000) / 10_000 : 0,
    medianHoursToContact: row.median_hours == null ? null : Math.round(Number(row.median_hours) * 10) / 10,
  };
}

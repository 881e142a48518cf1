import type { RecoveredReply } from '../../core/api-types';
import { type Query, requiredIsoOf } from '../store/queryable';

/**
 * Users whose earlier answer was a detractor's and whose latest answer is not: the detractors the
 * team won back. `from`/`to` select by the time of the latest answer; the list is newest first
 * (at most `limit`, default 100), `count` counts them all.
 * @example await recoveredDetractors(db.query, { from: new Date('2026-10-01') })
 */
export async function recoveredDetractors(
  query: Query,
  { from, to, limit = 100 }: { from?: Date; to?: Date; limit?: number } = {},
): Promise<RecoveredReply> {
  const { rows } = await query(
    `with answers as (
       select user_id, category, score, coalesce(answered_at, updated_at) as at,
         row_number() over (partition by user_id order by coalesce(answered_at, updated_at) desc, id desc) as recency
       from nps_responses where status = 'answered' and user_id is not null),
     latest as (select * from answers where recency = 1),
     earlier_detractor as (
       select user_id, min(at) as first_at from answers where recency > 1 and category = 'detractor' group by user_id)
     select l.user_id, e.first_at, l.score, l.at, count(*) over () as total
     from latest l join earlier_detractor e using (user_id)
     where l.category <> 'detractor' and ($1::timestamptz is null or l.at >= $1) and ($2::timestamptz is null or l.at < $2)
     order by l.at desc, l.user_id limit ${Math.min(Math.max(1, Math.floor(limit) || 100), 1000)}`,
    [from?.toISOString() ?? null, to?.toISOString() ?? null],
  );
  return {
    count: rows.length ? Number(rows[0].total) : 0,
    users: rows.map((row) => ({
      userId: String(row.user_id),
      firstDetractorAt: requiredIsoOf(row.first_at),
      latestScore: Number(row.score),
      latestAt: requiredIsoOf(row.at),
    })),
  };
}

/**
 * Whether one user's responses, oldest first, show a recovered detractor: an earlier answer was a
 * detractor's and the latest answer is not (for `recovered` in `GET /api/users/:userId`).
 * @example isRecovered([{ status: 'answered', category: 'detractor' }, { status: 'answered', category: 'promoter' }]) // true
 */
export function isRecovered(responses: readonly { status: string; category?: string | null }[]): boolean {
  const answers = responses.filter((r) => r.status === 'answered');
  const latest = answers[answers.length - 1];
  return !!latest && latest.category !== 'detractor' && answers.slice(0, -1).some((r) => r.category === 'detractor');
}

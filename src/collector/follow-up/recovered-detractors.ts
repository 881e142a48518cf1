import type { RecoveredReply } from '../../core/api-types';
import { foldUserChanges } from '../rollups/fold-user-changes';
import { ANSWER_TIME } from '../rollups/rollup-apply-users';
import { planRange } from '../rollups/range-plan';
import { dayParts, Params, rowParts } from '../rollups/range-sql';
import { type Query, requiredIsoOf } from '../store/queryable';

/** How many recovered users have their latest answer in `[from, to)`: per-day counts, and the summaries at the edges. */
async function countRecovered(
  query: Query,
  from: Date | undefined,
  to: Date | undefined,
  now: number,
): Promise<number> {
  const plan = planRange(from, to, now);
  const params = new Params();
  const parts = [
    ...dayParts(plan, params).map(
      (part) => `select ${part.sign} * sum(d.users) as n from nps_recovered_days d where ${part.within('d.day')}`,
    ),
    ...rowParts(plan, params).map(
      (part) => `select ${part.sign} * count(*) as n from nps_user_summaries s
        where s.recovered and ${part.within('s.latest_at')}`,
    ),
  ];
  if (!parts.length) return 0;
  const { rows: counted } = await query(
    `select coalesce(sum(n), 0)::int as n from (${parts.join(' union all ')}) t`,
    params.values,
  );
  return Number(counted[0]?.n ?? 0);
}

/**
 * Users whose earlier answer was a detractor's and whose latest answer is not: the detractors the
 * team won back. `from`/`to` select by the time of the latest answer; the list is newest first
 * (at most `limit`, default 100), `count` counts them all. Read from the users' summaries, which
 * the rollups keep (the users whose answers changed since the last fold are computed again first):
 * the cost does not grow with the responses stored.
 * @example await recoveredDetractors(db.query, { from: new Date('2026-10-01') })
 */
export async function recoveredDetractors(
  query: Query,
  { from, to, limit = 100, now = Date.now() }: { from?: Date; to?: Date; limit?: number; now?: number } = {},
): Promise<RecoveredReply> {
  await foldUserChanges(query, { wait: true });
  const { rows } = await query(
    `select user_id, first_detractor_at, latest_score, latest_at from nps_user_summaries
     where recovered and ($1::timestamptz is null or latest_at >= $1) and ($2::timestamptz is null or latest_at < $2)
     order by latest_at desc, user_id limit ${Math.min(Math.max(1, Math.floor(limit) || 100), 1000)}`,
    [from?.toISOString() ?? null, to?.toISOString() ?? null],
  );
  return {
    count: await countRecovered(query, from, to, now),
    users: rows.map((row) => ({
      userId: String(row.user_id),
      firstDetractorAt: requiredIsoOf(row.first_detractor_at),
      latestScore: Number(row.latest_score),
      latestAt: requiredIsoOf(row.latest_at),
    })),
  };
}

/**
 * Whether a user is a recovered detractor (see {@link isRecovered}), for `recovered` in
 * `GET /api/users/:userId` whatever page of their history is shown: two index probes, their latest
 * answer and a detractor answer other than it.
 * @example await isRecoveredUser(db.query, 'user-42') // true
 */
export async function isRecoveredUser(query: Query, userId: string): Promise<boolean> {
  const { rows } = await query(
    `select l.category <> 'detractor' and exists (
       select 1 from nps_responses d
       where d.user_id = $1 and d.status = 'answered' and d.category = 'detractor' and d.id <> l.id) as recovered
     from (select id, category from nps_responses where user_id = $1 and status = 'answered'
           order by ${ANSWER_TIME} desc, id desc limit 1) l`,
    [userId],
  );
  return rows[0]?.recovered === true;
}

/**
 * Whether one user's responses, oldest first, show a recovered detractor: an earlier answer was a
 * detractor's and the latest answer is not. The definition the users' summaries keep.
 * @example isRecovered([{ status: 'answered', category: 'detractor' }, { status: 'answered', category: 'promoter' }]) // true
 */
export function isRecovered(responses: readonly { status: string; category?: string | null }[]): boolean {
  const answers = responses.filter((r) => r.status === 'answered');
  const latest = answers[answers.length - 1];
  return !!latest && latest.category !== 'detractor' && answers.slice(0, -1).some((r) => r.category === 'detractor');
}

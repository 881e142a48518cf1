import type { FollowUp, FollowUpChange, FollowUpStatus } from '../../core/api-types';
import { isoOf, type Query, requiredIsoOf, textOf } from '../store/queryable';

/** The follow-up of a response nobody has touched. */
export const untouchedFollowUp = (): FollowUp => ({
  status: 'open',
  owner: null,
  note: null,
  updatedAt: null,
  history: [],
});

/**
 * SQL for a response's follow-up status (`open` when untouched), e.g. for the `followUp=` filter
 * of `GET /api/responses`: `where ${followUpStatusSql('r.id')} = $1`.
 */
export const followUpStatusSql = (responseIdColumn: string): string =>
  `coalesce((select f.status from nps_follow_ups f where f.response_id = ${responseIdColumn}), 'open')`;

/**
 * The follow-ups of some responses, with their history oldest first, in two queries however many
 * there are (for one page of `GET /api/responses`). Responses never touched get `status: 'open'`.
 * @example const followUps = await followUpsOf(db.query, rows.map((r) => r.id));
 */
export async function followUpsOf(query: Query, responseIds: readonly string[]): Promise<Map<string, FollowUp>> {
  const result = new Map<string, FollowUp>(responseIds.map((id) => [id, untouchedFollowUp()]));
  if (!responseIds.length) return result;
  const ids = JSON.stringify(responseIds);
  const wanted = `(select value::uuid from jsonb_array_elements_text($1::jsonb))`;
  const current = await query(
    `select response_id::text as id, status, owner, note, updated_at from nps_follow_ups where response_id in ${wanted}`,
    [ids],
  );
  for (const row of current.rows)
    result.set(String(row.id), {
      status: row.status as FollowUpStatus,
      owner: textOf(row.owner),
      note: textOf(row.note),
      updatedAt: isoOf(row.updated_at),
      history: [],
    });
  const history = await query(
    `select response_id::text as id, status, owner, note, changed_by, changed_at from nps_follow_up_history
     where response_id in ${wanted} order by changed_at, id`,
    [ids],
  );
  for (const row of history.rows) {
    const change: FollowUpChange = {
      status: row.status as FollowUpStatus,
      owner: textOf(row.owner),
      note: textOf(row.note),
      by: String(row.changed_by),
      at: requiredIsoOf(row.changed_at),
    };
    result.get(String(row.id))?.history.push(change);
  }
  return result;
}

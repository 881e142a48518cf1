import type { StoredResponse } from '../../core/api-types';
import { followUpsOf, untouchedFollowUp } from '../follow-up/follow-ups-of';
import type { ListFilter } from '../http/read-filter';
import type { Queryable, Row } from './queryable';
import { QUEUE_RANK } from './queue-rank';
import { COLUMNS, where } from './store-sql';

/** A stored response with its position in the server's receive order (for cursors). */
export type ListedResponse = StoredResponse & { sequence: string };

/** A row in the read API's shape; its follow-up is filled in by `withFollowUps`. */
const toStoredResponse = (row: Row): ListedResponse => ({
  ...(row as Omit<ListedResponse, 'followUp'>),
  followUp: untouchedFollowUp(),
});

const withoutSequence = ({ sequence: _, ...response }: ListedResponse): StoredResponse => response;

/** The rows as responses, each with its follow-up state and history. */
async function withFollowUps(db: Queryable, rows: Row[]): Promise<ListedResponse[]> {
  const responses = rows.map(toStoredResponse);
  const followUps = await followUpsOf(
    db.query,
    responses.map((response) => response.id),
  );
  return responses.map((response) => ({ ...response, followUp: followUps.get(response.id) ?? response.followUp }));
}

/** The `order by` of each listing order. */
const ORDER_BY = { queue: `${QUEUE_RANK}, received_seq desc`, id: 'id desc', received: 'received_seq desc' };

/**
 * Records with their follow-up, newest first in the server's receive order, in the follow-up
 * queue's order (`order: 'queue'`) or by id (`order: 'id'`). Page on with `afterSequence` (and, in
 * queue order, `afterRank`), or in id order with `afterId`.
 * @example await listResponses(db, { category: 'detractor', limit: 20 })
 */
export async function listResponses(db: Queryable, filter: ListFilter): Promise<ListedResponse[]> {
  const clauses = where(filter);
  const limit = Math.min(Math.max(1, filter.limit ?? 100), 1000);
  const order = ORDER_BY[filter.order ?? 'received'];
  const { rows } = await db.query(
    `select ${COLUMNS} from nps_responses ${clauses.sql} order by ${order} limit ${limit | 0}`,
    clauses.params,
  );
  return withFollowUps(db, rows);
}

/**
 * One response with its follow-up; undefined when there is no such id.
 * @example await getResponse(db, '0190a0a0-0000-7000-8000-000000000001')
 */
export async function getResponse(db: Queryable, id: string): Promise<StoredResponse | undefined> {
  const { rows } = await db.query(`select ${COLUMNS} from nps_responses where id = $1::uuid`, [id]);
  const [found] = await withFollowUps(db, rows);
  return found && withoutSequence(found);
}

/**
 * Every response of a user, oldest first by `shownAt`.
 * @example await responsesOfUser(db, 'user-42')
 */
export async function responsesOfUser(db: Queryable, userId: string): Promise<StoredResponse[]> {
  const { rows } = await db.query(
    `select ${COLUMNS} from nps_responses where user_id = $1 order by shown_at, received_seq`,
    [userId],
  );
  return (await withFollowUps(db, rows)).map(withoutSequence);
}

/**
 * How many records are stored.
 * @example await countResponses(db) // 1204
 */
export async function countResponses(db: Queryable): Promise<number> {
  const { rows } = await db.query('select count(*)::int as n from nps_responses');
  return Number(rows[0]?.n ?? 0);
}

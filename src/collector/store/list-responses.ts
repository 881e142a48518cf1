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
const ORDER_BY = { queue: `${QUEUE_RANK}, -received_seq`, id: 'id desc', received: 'received_seq desc' };

/**
 * Records with their follow-up, newest first in the server's receive order, in the follow-up
 * queue's order (`order: 'queue'`) or by id (`order: 'id'`). Page on with `afterSequence` (and, in
 * queue order, `afterRank`), or in id order with `afterId`.
 * @example await listResponses(db, { category: 'detractor', limit: 20 })
 */
export async function listResponses(db: Queryable, filter: ListFilter): Promise<ListedResponse[]> {
  const clauses = where(filter);
  const limit = Math.min(Math.max(1, filter.limit ?? 100), 1000);
  // One category has one queue rank: the queue's order is then the receive order, and its index serves it.
  const received = filter.category ? ORDER_BY.queue : ORDER_BY.received;
  const order = filter.order === undefined || filter.order === 'received' ? received : ORDER_BY[filter.order];
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

/** Where a page of a user's history starts: after this response, in `shownAt` then id order. */
export interface UserHistoryPosition {
  shownAt: string;
  id: string;
}

/**
 * A user's responses, oldest first by `shownAt` (then id), a page of `limit` (default 100, at most
 * 1,000) at a time: pass the last one's `shownAt` and `id` as `after` for the next page. Served by
 * the `(user_id, shown_at, id)` index, so a page costs the same however long the history is.
 * @example await responsesOfUser(db, 'user-42', { limit: 20 })
 */
export async function responsesOfUser(
  db: Queryable,
  userId: string,
  { limit = 100, after }: { limit?: number; after?: UserHistoryPosition } = {},
): Promise<StoredResponse[]> {
  const { rows } = await db.query(
    `select ${COLUMNS} from nps_responses
     where user_id = $1 and ($2::timestamptz is null or (shown_at, id) > ($2::timestamptz, $3::uuid))
     order by shown_at, id limit ${Math.min(Math.max(1, Math.floor(limit) || 100), 1000)}`,
    [userId, after?.shownAt ?? null, after?.id ?? null],
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

import type { NpsCounts, StoredResponse } from '../../core/api-types';
import type { ResponseRecord } from '../../core/wire';
import type { Webhook } from '../alerts/webhook-options';
import type { ListFilter, StatsFilter } from '../http/read-filter';
import { createSession, deleteSession, hasSession } from './dashboard-sessions';
import type { Database } from './database';
import {
  countResponses,
  getResponse,
  type ListedResponse,
  listResponses,
  responsesOfUser,
  type UserHistoryPosition,
} from './list-responses';
import { type BaseStats, readCounts, readFigures } from './read-figures';
import { type UpsertResult, upsertResponses } from './upsert-responses';

/** Storage of the collector: responses, figures, follow-up state and dashboard sessions. */
export interface ResponseStore {
  /** The database underneath, for the alert delivery loop and the follow-up workflow. */
  readonly db: Database;
  /**
   * Stores valid wire records: the latest version wins, `answered` is never downgraded, and a
   * version whose `anonymousId` differs from the record's first one is refused. With `webhooks`, the
   * alerts the written rows raise are recorded in the same transaction (the transactional outbox).
   */
  upsert(records: readonly ResponseRecord[], webhooks?: readonly Webhook[]): Promise<UpsertResult>;
  /**
   * NPS figures overall, by stage (at most 50, the rest as "other"), by ISO week of `shownAt` (UTC)
   * and, with `segment`, by the values of that declared key (at most 50, the rest as "other"), from
   * the rollups. Throws a `TypeError` for a `segment` that is not declared.
   */
  stats(filter?: StatsFilter): Promise<BaseStats>;
  /** The answer counts of the records a filter selects (for `change`). */
  counts(filter?: StatsFilter): Promise<NpsCounts>;
  /**
   * Records with their follow-up, newest first in the server's receive order, in the follow-up
   * queue's order (`order: 'queue'`) or by id (`order: 'id'`). Page on with `afterSequence` (and, in
   * queue order, `afterRank`), or in id order with `afterId`.
   */
  list(filter?: ListFilter): Promise<ListedResponse[]>;
  /** One response with its follow-up; undefined when there is no such id. */
  get(id: string): Promise<StoredResponse | undefined>;
  /**
   * A user's responses, oldest first by `shownAt`, a page of `limit` (default 100) at a time: pass
   * the last one's `shownAt` and `id` as `after` for the next page.
   */
  ofUser(userId: string, page?: { limit?: number; after?: UserHistoryPosition }): Promise<StoredResponse[]>;
  /** How many records are stored. */
  count(): Promise<number>;
  /** Keeps a dashboard session (by the hash of its id) until `expiresAt`, for the token with `tokenFingerprint`. */
  createSession(idHash: string, tokenFingerprint: string, expiresAt: Date): Promise<void>;
  /** Whether a session exists, belongs to that token, and has not expired at `now`. */
  hasSession(idHash: string, tokenFingerprint: string, now: Date): Promise<boolean>;
  /** Revokes a session. */
  deleteSession(idHash: string): Promise<void>;
}

/**
 * The collector's storage on a migrated database (see {@link migrate}): the upsert
 * (`upsert-responses.ts`), the figures (`read-figures.ts`), the listings (`list-responses.ts`) and
 * the dashboard sessions (`dashboard-sessions.ts`) over one database.
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db);
 * const store = createResponseStore(db);
 */
export function createResponseStore(db: Database): ResponseStore {
  return {
    db,
    upsert: (records, webhooks = []) => upsertResponses(db, records, webhooks),
    stats: (filter = {}) => readFigures(db, filter),
    counts: (filter = {}) => readCounts(db, filter),
    list: (filter = {}) => listResponses(db, filter),
    get: (id) => getResponse(db, id),
    ofUser: (userId, page) => responsesOfUser(db, userId, page),
    count: () => countResponses(db),
    createSession: (idHash, tokenFingerprint, expiresAt) => createSession(db, idHash, tokenFingerprint, expiresAt),
    hasSession: (idHash, tokenFingerprint, now) => hasSession(db, idHash, tokenFingerprint, now),
    deleteSession: (idHash) => deleteSession(db, idHash),
  };
}

import type { NpsCounts } from '../../core/api-types';
import { addCounts, noCounts, npsFigures } from '../stats/nps-figures';
import { isoWeek } from '../stats/iso-week';
import type { ResponseRecord } from '../../core/wire';
import type { StatsReply, StoredResponse } from '../../core/api-types';
import { recordAlerts, type AlertSource } from '../alerts/record-alerts';
import type { Webhook } from '../alerts/webhook-options';
import type { Database } from './database';
import { followUpsOf, untouchedFollowUp } from '../follow-up/follow-ups-of';
import { groupStages, stageFilters } from '../stats/group-stages';
import type { ListFilter, StatsFilter } from '../http/read-filter';
import { COLUMNS, COUNTS, QUEUE_RANK, SEGMENT_STATS, STATS, UPSERT, where } from './store-sql';
import type { Rejection } from '../http/validate-batch';

/** The figures of `GET /api/stats` that this store computes (the change and follow-up metrics come on top). */
export type BaseStats = Omit<StatsReply, 'change' | 'followUp'>;

/** A stored response with its position in the server's receive order (for cursors). */
export type ListedResponse = StoredResponse & { sequence: string };

/** What an upsert did. */
export interface UpsertResult {
  written: number;
  rejected: Rejection[];
  /** Alerts recorded (or updated) in the same transaction: nudge the delivery loop when more than 0. */
  alerts: number;
}

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
   * and, with `segment`, by the values of that trait (at most 50, the rest as "other").
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
  /** Every response of a user, oldest first by `shownAt`. */
  ofUser(userId: string): Promise<StoredResponse[]>;
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
 * The same order the upsert applies, so a batch holding several versions of one id keeps the winner
 * (PostgreSQL refuses to update one row twice in a statement).
 */
export const newer = (a: ResponseRecord, b: ResponseRecord): boolean =>
  (a.status == 'answered') != (b.status == 'answered')
    ? a.status == 'answered'
    : Date.parse(a.updatedAt) > Date.parse(b.updatedAt);

/**
 * The collector's storage on a migrated database (see {@link migrate}).
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db);
 * const store = createResponseStore(db);
 */
export function createResponseStore(db: Database): ResponseStore {
  const withFollowUps = async <T extends StoredResponse>(rows: T[]): Promise<T[]> => {
    const followUps = await followUpsOf(
      db.query,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ ...r, followUp: followUps.get(r.id)! }));
  };
  const countsOf = (row: Record<string, unknown>): NpsCounts => ({
    promoters: Number(row.promoters),
    passives: Number(row.passives),
    detractors: Number(row.detractors),
    shown: Number(row.shown),
  });

  return {
    db,

    async upsert(records, webhooks = []) {
      const latest = new Map<string, ResponseRecord>();
      // Millisecond precision, as Date.parse compares below: PostgreSQL would otherwise keep
      // microseconds and order versions the in-batch dedupe thought equal.
      for (const given of records) {
        const r = { ...given, updatedAt: new Date(given.updatedAt).toISOString() };
        const seen = latest.get(r.id);
        if (!seen || newer(r, seen)) latest.set(r.id, r);
      }
      if (!latest.size) return { written: 0, rejected: [], alerts: 0 };
      // Rows are locked in id order, so two overlapping batches cannot deadlock each other.
      const sorted = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const params = [JSON.stringify(sorted), sorted.length];
      // Without webhooks the upsert stays one statement outside any transaction: nothing is added per record.
      const { row, alerts } = !webhooks.length
        ? { row: (await db.query(UPSERT(), params)).rows[0] ?? {}, alerts: 0 }
        : await db.transaction(async (query) => {
            const row = (await query(UPSERT(true), params)).rows[0] ?? {};
            return { row, alerts: await recordAlerts(query, (row.rows ?? []) as AlertSource[], webhooks) };
          });
      const foreign = (row.foreign ?? []) as string[];
      return {
        written: Number(row.written ?? 0),
        rejected: foreign.map((id) => ({
          id,
          error: 'anonymousId differs from the one this record was first stored with',
        })),
        alerts,
      };
    },

    async stats(filter = {}) {
      const w = where(filter);
      const { rows } = await db.query(STATS(w.sql), w.params);
      let all = noCounts();
      const stages = new Map<string | null, NpsCounts>();
      const weeks = new Map<string, NpsCounts>();
      for (const row of rows) {
        const c = countsOf(row);
        const stage = row.stage == null ? null : String(row.stage);
        const week = isoWeek(String(row.monday) + 'T00:00:00Z');
        all = addCounts(all, c);
        stages.set(stage, addCounts(stages.get(stage) ?? noCounts(), c));
        weeks.set(week, addCounts(weeks.get(week) ?? noCounts(), c));
      }
      const stats: BaseStats = {
        ...npsFigures(all),
        byStage: groupStages(stages),
        stages: stageFilters(stages),
        byWeek: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, c]) => ({ week, ...npsFigures(c) })),
      };
      if (filter.segment == null) return stats;
      const segmented = await db.query(SEGMENT_STATS(w.sql, w.params.length + 1), [...w.params, filter.segment]);
      const values = new Map<string | null, NpsCounts>();
      for (const row of segmented.rows) values.set(row.value == null ? null : String(row.value), countsOf(row));
      return { ...stats, bySegment: groupStages(values) };
    },

    async counts(filter = {}) {
      const w = where(filter);
      const { rows } = await db.query(COUNTS(w.sql), w.params);
      return rows[0] ? countsOf(rows[0]) : noCounts();
    },

    async list(filter = {}) {
      const w = where(filter);
      const limit = Math.min(Math.max(1, filter.limit ?? 100), 1000);
      const order = { queue: `${QUEUE_RANK}, received_seq desc`, id: 'id desc', received: 'received_seq desc' }[
        filter.order ?? 'received'
      ];
      const { rows } = await db.query(
        `select ${COLUMNS} from nps_responses ${w.sql} order by ${order} limit ${limit | 0}`,
        w.params,
      );
      return withFollowUps(rows.map(toStoredResponse));
    },

    async get(id) {
      const { rows } = await db.query(`select ${COLUMNS} from nps_responses where id = $1::uuid`, [id]);
      const [found] = await withFollowUps(rows.map(toStoredResponse));
      return found && withoutSequence(found);
    },

    async ofUser(userId) {
      const { rows } = await db.query(
        `select ${COLUMNS} from nps_responses where user_id = $1 order by shown_at, received_seq`,
        [userId],
      );
      return (await withFollowUps(rows.map(toStoredResponse))).map(withoutSequence);
    },

    async count() {
      const { rows } = await db.query('select count(*)::int as n from nps_responses');
      return Number(rows[0]?.n ?? 0);
    },

    async createSession(idHash, tokenFingerprint, expiresAt) {
      await db.query('delete from nps_dashboard_sessions where expires_at < now()');
      await db.query(
        'insert into nps_dashboard_sessions (id_hash, token_fingerprint, expires_at) values ($1, $2, $3)',
        [idHash, tokenFingerprint, expiresAt.toISOString()],
      );
    },

    async hasSession(idHash, tokenFingerprint, now) {
      const { rows } = await db.query(
        'select 1 from nps_dashboard_sessions where id_hash = $1 and token_fingerprint = $2 and expires_at > $3',
        [idHash, tokenFingerprint, now.toISOString()],
      );
      return rows.length > 0;
    },

    async deleteSession(idHash) {
      await db.query('delete from nps_dashboard_sessions where id_hash = $1', [idHash]);
    },
  };
}

/** A row in the read API's shape; its follow-up is filled in by `withFollowUps`. */
const toStoredResponse = (row: Record<string, unknown>): ListedResponse => ({
  ...(row as Omit<ListedResponse, 'followUp'>),
  followUp: untouchedFollowUp(),
});

const withoutSequence = ({ sequence: _, ...response }: ListedResponse): StoredResponse => response;

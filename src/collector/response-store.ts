import { addCounts, noCounts, npsFigures, type NpsCounts } from '../core/nps-figures';
import { isoWeek } from '../core/iso-week';
import type { ResponseRecord } from '../core/wire';
import type { StatsReply, StoredResponse } from './api-types';
import type { Database } from './database';
import { groupStages } from './group-stages';
import type { ListFilter, StatsFilter } from './read-filter';
import { COLUMNS, STATS, UPSERT, where } from './store-sql';
import type { Rejection } from './validate-batch';

/** The figures of `GET /api/stats` that this store computes (segments, change and follow-up metrics come on top). */
export type BaseStats = Omit<StatsReply, 'bySegment' | 'change' | 'followUp'>;

/** A stored response with its position in the server's receive order (for cursors). */
export type ListedResponse = StoredResponse & { sequence: string };

/** The old follow-up model: followed up or not, with a note. */
export interface FollowUpState {
  followedUp: boolean;
  note?: string | null;
}

/** Storage of the collector: responses, figures, follow-up state and dashboard sessions. */
export interface ResponseStore {
  /**
   * Stores valid wire records: the latest version wins, `answered` is never downgraded, and a
   * version whose `anonymousId` differs from the record's first one is refused.
   */
  upsert(records: readonly ResponseRecord[]): Promise<{ written: number; rejected: Rejection[] }>;
  /** NPS figures overall, by stage (at most 50, the rest as "other") and by ISO week of `shownAt` (UTC). */
  stats(filter?: StatsFilter): Promise<BaseStats>;
  /** Records, newest first in the server's receive order; page on with `afterSequence`. */
  list(filter?: ListFilter): Promise<ListedResponse[]>;
  /** Marks a response followed up (or not) with a note; undefined when there is no such id. */
  followUp(id: string, state: FollowUpState): Promise<StoredResponse | undefined>;
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
  a.status == 'answered' != (b.status == 'answered') ? a.status == 'answered' : Date.parse(a.updatedAt) > Date.parse(b.updatedAt);

/**
 * The collector's storage on a migrated database (see {@link migrate}).
 * @example
 * const db = await openDatabase({ dataDir: '.data' });
 * await migrate(db);
 * const store = createResponseStore(db);
 */
export function createResponseStore(db: Database): ResponseStore {
  return {
    async upsert(records) {
      const latest = new Map<string, ResponseRecord>();
      // Millisecond precision, as Date.parse compares below: PostgreSQL would otherwise keep
      // microseconds and order versions the in-batch dedupe thought equal.
      for (const given of records) {
        const r = { ...given, updatedAt: new Date(given.updatedAt).toISOString() };
        const seen = latest.get(r.id);
        if (!seen || newer(r, seen)) latest.set(r.id, r);
      }
      if (!latest.size) return { written: 0, rejected: [] };
      // Rows are locked in id order, so two overlapping batches cannot deadlock each other.
      const sorted = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const { rows } = await db.query(UPSERT, [JSON.stringify(sorted), sorted.length]);
      const row = rows[0] ?? {};
      const foreign = (row.foreign ?? []) as string[];
      return {
        written: Number(row.written ?? 0),
        rejected: foreign.map((id) => ({ id, error: 'anonymousId differs from the one this record was first stored with' })),
      };
    },

    async stats(filter = {}) {
      const w = where(filter);
      const { rows } = await db.query(STATS(w.sql), w.params);
      let all = noCounts();
      const stages = new Map<string | null, NpsCounts>();
      const weeks = new Map<string, NpsCounts>();
      for (const row of rows) {
        const c = { promoters: Number(row.promoters), passives: Number(row.passives), detractors: Number(row.detractors), shown: Number(row.shown) };
        const stage = row.stage == null ? null : String(row.stage);
        const week = isoWeek(String(row.monday) + 'T00:00:00Z');
        all = addCounts(all, c);
        stages.set(stage, addCounts(stages.get(stage) ?? noCounts(), c));
        weeks.set(week, addCounts(weeks.get(week) ?? noCounts(), c));
      }
      return {
        ...npsFigures(all),
        byStage: groupStages(stages),
        byWeek: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, c]) => ({ week, ...npsFigures(c) })),
      };
    },

    async list(filter = {}) {
      const w = where(filter);
      const limit = Math.min(Math.max(1, filter.limit ?? 100), 1000);
      const { rows } = await db.query(`select ${COLUMNS} from nps_responses ${w.sql} order by received_seq desc limit ${limit | 0}`, w.params);
      return rows.map(toStoredResponse);
    },

    async followUp(id, { followedUp, note }) {
      const { rows } = await db.query(
        `update nps_responses set followed_up = $2, follow_up_note = $3,
           followed_up_at = case when $2 then coalesce(followed_up_at, now()) end
         where id = $1 returning ${COLUMNS}`,
        [id, followedUp, note ?? null],
      );
      return rows[0] && withoutSequence(toStoredResponse(rows[0]));
    },

    async count() {
      const { rows } = await db.query('select count(*)::int as n from nps_responses');
      return Number(rows[0]?.n ?? 0);
    },

    async createSession(idHash, tokenFingerprint, expiresAt) {
      await db.query('delete from nps_dashboard_sessions where expires_at < now()');
      await db.query('insert into nps_dashboard_sessions (id_hash, token_fingerprint, expires_at) values ($1, $2, $3)', [idHash, tokenFingerprint, expiresAt.toISOString()]);
    },

    async hasSession(idHash, tokenFingerprint, now) {
      const { rows } = await db.query('select 1 from nps_dashboard_sessions where id_hash = $1 and token_fingerprint = $2 and expires_at > $3', [idHash, tokenFingerprint, now.toISOString()]);
      return rows.length > 0;
    },

    async deleteSession(idHash) {
      await db.query('delete from nps_dashboard_sessions where id_hash = $1', [idHash]);
    },
  };
}

/** A row in the read API's shape; the follow-up state in the `followUp` object the dashboard reads. */
function toStoredResponse(row: Record<string, unknown>): ListedResponse {
  const { followedUp, followUpNote, followedUpAt, ...fields } = row;
  const note = (followUpNote ?? null) as string | null;
  return {
    ...(fields as Omit<ListedResponse, 'followUp'>),
    followUp: { status: followedUp ? 'contacted' : 'open', owner: null, note, updatedAt: (followedUpAt ?? null) as string | null, history: [] },
  };
}

const withoutSequence = ({ sequence: _, ...response }: ListedResponse): StoredResponse => response;

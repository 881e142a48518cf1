// @ts-check
import { addCounts, isoWeek, noCounts, npsFigures } from './nps-math.mjs';

/**
 * @typedef {import('./open-database.mjs').Database} Database
 * @typedef {import('./nps-math.mjs').NpsFigures} NpsFigures
 * @typedef {NpsFigures & { byStage: Record<string, NpsFigures>, byWeek: (NpsFigures & { week: string })[] }} Stats
 * @typedef {{ stage?: string, from?: Date, to?: Date }} Filter
 * @typedef {Filter & { category?: string, status?: string, hasComment?: boolean, limit?: number, after?: string }} ListFilter
 */

/** Name of the group of records without a stage in `byStage` (and the stage filter that selects them). */
export const NO_STAGE = '(none)';

const iso = (/** @type {string} */ col) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Wire fields as JSON keys → columns. jsonb_to_recordset turns one parameter into rows, so a batch is
// one statement: the conflict rule below then holds under any number of concurrent resends.
const UPSERT = `
insert into nps_responses as r
  (id, status, score, category, comment, user_id, anonymous_id, traits, stage, metadata, locale, page,
   shown_at, answered_at, updated_at, sdk)
select id, status, score, category, comment, "userId", "anonymousId", traits, stage, metadata, locale, page,
   "shownAt", "answeredAt", "updatedAt", sdk
from jsonb_to_recordset($1::jsonb) as t(id uuid, status text, score smallint, category text, comment text,
  "userId" text, "anonymousId" text, traits jsonb, stage text, metadata jsonb, locale text, page text,
  "shownAt" timestamptz, "answeredAt" timestamptz, "updatedAt" timestamptz, sdk text)
on conflict (id) do update set
  status = excluded.status, score = excluded.score, category = excluded.category, comment = excluded.comment,
  user_id = excluded.user_id, anonymous_id = excluded.anonymous_id, traits = excluded.traits,
  stage = excluded.stage, metadata = excluded.metadata, locale = excluded.locale, page = excluded.page,
  shown_at = excluded.shown_at, answered_at = excluded.answered_at, updated_at = excluded.updated_at,
  sdk = excluded.sdk, received_at = now(), writes = r.writes + 1
-- An answered version beats any other; among equals the greatest updatedAt wins; ties keep what is stored.
where (excluded.status = 'answered', excluded.updated_at) > (r.status = 'answered', r.updated_at)`;

const COLUMNS = `id, status, score, category, comment, user_id as "userId", anonymous_id as "anonymousId",
  traits, stage, metadata, locale, page, ${iso('shown_at')} as "shownAt", ${iso('answered_at')} as "answeredAt",
  ${iso('updated_at')} as "updatedAt", sdk, followed_up as "followedUp", follow_up_note as "followUpNote",
  ${iso('followed_up_at')} as "followedUpAt"`;

/**
 * The same order the upsert applies, so a batch holding several versions of one id keeps the winner
 * (PostgreSQL refuses to update one row twice in a statement).
 * @param {{ status: string, updatedAt: string }} a
 * @param {{ status: string, updatedAt: string }} b
 */
export const newer = (a, b) =>
  a.status == 'answered' != (b.status == 'answered') ? a.status == 'answered' : Date.parse(a.updatedAt) > Date.parse(b.updatedAt);

/**
 * Builds `where` clauses and their parameters from a filter; values only ever travel as parameters.
 * @param {ListFilter} f
 */
function where(f) {
  /** @type {unknown[]} */
  const params = [];
  const clauses = [];
  const add = (/** @type {string} */ sql, /** @type {unknown} */ value) => {
    params.push(value);
    clauses.push(sql.replace('?', '$' + params.length));
  };
  if (f.stage != null) f.stage == NO_STAGE ? clauses.push('stage is null') : add('stage = ?', f.stage);
  if (f.from) add('shown_at >= ?', f.from.toISOString());
  if (f.to) add('shown_at < ?', f.to.toISOString());
  if (f.category) add('category = ?', f.category);
  if (f.status) add('status = ?', f.status);
  if (f.hasComment != null) clauses.push(f.hasComment ? 'comment is not null' : 'comment is null');
  if (f.after) add('id < ?', f.after);
  return { sql: clauses.length ? 'where ' + clauses.join(' and ') : '', params };
}

/**
 * Storage of responses: upsert of wire records, figures, listing, follow-up state.
 * @param {Database} db a migrated database
 */
export function createResponseStore(db) {
  return {
    /**
     * Stores valid records (latest version wins, `answered` never downgraded).
     * @param {readonly object[]} records
     * @returns {Promise<number>} how many rows were inserted or replaced
     */
    async upsert(records) {
      /** @type {Map<string, any>} */
      const latest = new Map();
      // Millisecond precision, as Date.parse compares below: PostgreSQL would otherwise keep microseconds
      // and order versions the in-batch dedupe thought equal.
      for (const r0 of /** @type {any[]} */ (records)) {
        const r = { ...r0, updatedAt: new Date(r0.updatedAt).toISOString() };
        const seen = latest.get(r.id);
        if (!seen || newer(r, seen)) latest.set(r.id, r);
      }
      if (!latest.size) return 0;
      // Rows are locked in id order, so two overlapping batches cannot deadlock each other.
      const sorted = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      const { rows } = await db.query(UPSERT + ' returning 1', [JSON.stringify(sorted)]);
      return rows.length;
    },

    /**
     * NPS figures overall, by stage and by ISO week (of `shownAt`, UTC).
     * @param {Filter} [filter]
     * @returns {Promise<Stats>}
     */
    async stats(filter = {}) {
      const w = where(filter);
      const { rows } = await db.query(
        `select coalesce(stage, '${NO_STAGE}') as stage,
           to_char(date_trunc('week', shown_at at time zone 'UTC'), 'YYYY-MM-DD') as monday,
           (count(*) filter (where status = 'answered' and category = 'promoter'))::int as promoters,
           (count(*) filter (where status = 'answered' and category = 'passive'))::int as passives,
           (count(*) filter (where status = 'answered' and category = 'detractor'))::int as detractors,
           count(*)::int as shown
         from nps_responses ${w.sql} group by 1, 2`,
        w.params,
      );
      let all = noCounts();
      /** @type {Map<string, import('./nps-math.mjs').Counts>} */
      const stages = new Map();
      /** @type {Map<string, import('./nps-math.mjs').Counts>} */
      const weeks = new Map();
      for (const row of rows) {
        const c = { promoters: row.promoters, passives: row.passives, detractors: row.detractors, shown: row.shown };
        const week = isoWeek(row.monday + 'T00:00:00Z');
        all = addCounts(all, c);
        stages.set(row.stage, addCounts(stages.get(row.stage) ?? noCounts(), c));
        weeks.set(week, addCounts(weeks.get(week) ?? noCounts(), c));
      }
      return {
        ...npsFigures(all),
        byStage: Object.fromEntries([...stages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, c]) => [s, npsFigures(c)])),
        byWeek: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, c]) => ({ week, ...npsFigures(c) })),
      };
    },

    /**
     * Records, newest first (ids are UUIDv7, so they sort by time); page on with `after` = last id.
     * @param {ListFilter} [filter]
     */
    async list(filter = {}) {
      const w = where(filter);
      const limit = Math.min(Math.max(1, filter.limit ?? 100), 1000);
      const { rows } = await db.query(`select ${COLUMNS} from nps_responses ${w.sql} order by id desc limit ${limit | 0}`, w.params);
      return rows;
    },

    /**
     * Closing the loop: marks a response followed up (or not), with a note.
     * @param {string} id
     * @param {{ followedUp: boolean, note?: string | null }} state
     * @returns {Promise<Record<string, unknown> | undefined>} the updated record, or nothing when no such id
     */
    async followUp(id, { followedUp, note }) {
      const { rows } = await db.query(
        `update nps_responses set followed_up = $2, follow_up_note = $3,
           followed_up_at = case when $2 then coalesce(followed_up_at, now()) end
         where id = $1 returning ${COLUMNS}`,
        [id, followedUp, note ?? null],
      );
      return rows[0];
    },

    /** @returns {Promise<number>} */
    async count() {
      const { rows } = await db.query('select count(*)::int as n from nps_responses');
      return rows[0]?.n ?? 0;
    },
  };
}

/** @typedef {ReturnType<typeof createResponseStore>} ResponseStore */

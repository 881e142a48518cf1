import { QUEUE_RANK } from '../store/queue-rank';

/**
 * Which stages a rollup row counts (its `scope` column): every stage together, the responses without
 * a stage, or the one stage in its `stage` column (`''` in the other two scopes). Reads without a
 * stage filter take one row per day, whatever the number of stages; a stage filter takes that
 * stage's rows.
 */
export const SCOPE = { everyStage: 0, noStage: 1, namedStage: 2 } as const;

/**
 * The longest trait value a segment counts by name (characters). Longer values, and objects or
 * lists, count in the key's total, so they land in "other": the rollups stay exact and their keys small.
 */
export const MAX_SEGMENT_VALUE_LENGTH = 200;

/**
 * The counter rows every upsert adds to (today's counts, a common value's total) would make
 * concurrent commits wait for each other; each connection adds to rows of its own `bucket` instead:
 * its server process id modulo {@link ROLLUP_BUCKETS} (or its `nps.rollup_bucket` setting). Reads sum
 * the buckets; compaction folds the buckets of past days into bucket 0, so a day older than
 * yesterday has one row per group.
 */
const BUCKET_COLUMN = 'bucket smallint not null default 0';

/** How many buckets the connections spread over. */
export const ROLLUP_BUCKETS = 16;

const COUNT_COLUMNS = `shown integer not null,
     promoters integer not null,
     passives integer not null,
     detractors integer not null`;

const SCOPE_COLUMNS = `scope smallint not null check (scope in (${Object.values(SCOPE).join(', ')})),
     stage text not null default ''`;

/**
 * The rollup tables and the indexes every route needs, as one migration step's statements (part of
 * `ROLLUP_MIGRATIONS`, never edited once shipped).
 *
 * - `nps_rollup_days`: counts per UTC day (of `shownAt`) and stage scope.
 * - `nps_rollup_stages`: responses per stage, all time: which 50 stages `byStage` names.
 * - Every counter table has a `bucket` column (see {@link BUCKET_COLUMN}).
 * - `nps_segment_keys`: the declared segment keys, and how far the rollup of a key declared after
 *   data existed is built (`built_through`, in id order).
 * - `nps_rollup_segment_days`: counts per declared key, value, stage scope and day, for every value.
 * - `nps_rollup_segment_key_days`: counts of the responses that have the key at all, per stage scope
 *   and day ("other" is this minus the named values; "(none)" is the day's total minus this).
 * - `nps_rollup_segment_values`: responses per key and value, all time, ranked by an index: the 50
 *   most common values are its first 50 entries.
 * - `nps_user_summaries`: per user, the latest answer and the first detractor answer before it
 *   (recovered detractors); `nps_recovered_days` counts recovered users per day of their latest answer;
 *   `nps_user_changes` notes the users whose summaries are due to be computed again.
 */
export const ROLLUP_TABLES = `
create table nps_rollup_days (
     ${SCOPE_COLUMNS},
     day date not null,
     ${BUCKET_COLUMN},
     ${COUNT_COLUMNS},
     primary key (scope, stage, day, bucket)
   );
   create index nps_rollup_days_buckets on nps_rollup_days (day) where bucket <> 0;
   create table nps_rollup_stages (
     stage text not null,
     ${BUCKET_COLUMN},
     responses bigint not null,
     primary key (stage, bucket)
   );
   create index nps_rollup_stages_rank on nps_rollup_stages (responses desc, stage);
   create table nps_segment_keys (
     key text primary key,
     declared_at timestamptz not null default now(),
     built boolean not null default false,
     built_through uuid,
     rows_built bigint not null default 0
   );
   create table nps_rollup_segment_days (
     key text not null,
     value text not null,
     ${SCOPE_COLUMNS},
     day date not null,
     ${BUCKET_COLUMN},
     ${COUNT_COLUMNS},
     primary key (key, value, scope, stage, day, bucket)
   );
   create index nps_rollup_segment_days_buckets on nps_rollup_segment_days (day) where bucket <> 0;
   create table nps_rollup_segment_key_days (
     key text not null,
     ${SCOPE_COLUMNS},
     day date not null,
     ${BUCKET_COLUMN},
     ${COUNT_COLUMNS},
     primary key (key, scope, stage, day, bucket)
   );
   create index nps_rollup_segment_key_days_buckets on nps_rollup_segment_key_days (day) where bucket <> 0;
   create table nps_rollup_segment_values (
     key text not null,
     value text not null,
     ${BUCKET_COLUMN},
     responses bigint not null,
     primary key (key, value, bucket)
   );
   create index nps_rollup_segment_values_rank on nps_rollup_segment_values (key, responses desc, value);
   create table nps_user_summaries (
     user_id text primary key,
     latest_at timestamptz not null,
     latest_score smallint not null,
     latest_category text not null,
     first_detractor_at timestamptz,
     recovered boolean generated always as (latest_category <> 'detractor' and first_detractor_at is not null) stored
   );
   create index nps_user_summaries_recovered on nps_user_summaries (latest_at desc, user_id) where recovered;
   create table nps_recovered_days (
     day date primary key,
     users integer not null
   );
   create table nps_user_changes (
     user_id text not null
   );`;

/**
 * Indexes of `nps_responses` for every filter a route offers: stage and user id in receive order,
 * the user's history in time order, anonymous ids (erasure), the follow-up queue's order (rank,
 * then newest first as `-received_seq`, so a page's cursor is one row comparison; it also serves
 * `category=`), comments, and each user's latest and detractor answers (recovered
 * detractors); and alerts by state, newest first (`GET /api/alerts?state=`). The old
 * `(stage, shown_at)` index goes: figures no longer count rows by stage.
 */
export const RESPONSE_INDEXES = `
drop index nps_responses_stage;
   create index nps_responses_stage on nps_responses (stage, received_seq);
   create index nps_responses_user on nps_responses (user_id, shown_at, id) where user_id is not null;
   create index nps_responses_anonymous on nps_responses (anonymous_id);
   create index nps_responses_queue on nps_responses ((${QUEUE_RANK}), (-received_seq)) where status = 'answered';
   create index nps_responses_commented_seq on nps_responses (received_seq) where comment is not null;
   create index nps_responses_user_answers on nps_responses (user_id, (coalesce(answered_at, updated_at)) desc, id desc)
     where status = 'answered' and user_id is not null;
   create index nps_responses_user_detractors on nps_responses (user_id, (coalesce(answered_at, updated_at)))
     where status = 'answered' and category = 'detractor' and user_id is not null;
   create index nps_alerts_state on nps_alerts (state, created_at desc, id desc);`;

import { ROLLUP_APPLY_COUNTS } from './rollup-apply-counts';
import { ROLLUP_APPLY_USERS, userSummariesOf } from './rollup-apply-users';
import { ROLLUP_CAPTURE, ROLLUP_TRIGGERS } from './rollup-capture';
import { RESPONSE_INDEXES, ROLLUP_TABLES, SCOPE } from './rollup-tables';

/**
 * The rollups of the responses already stored, built once by the migration. Writers wait (a share
 * lock on `nps_responses`) so no response changes between this count and the triggers that follow it.
 * Then the planner gets statistics of the new indexes and tables (PGlite has no autovacuum to make
 * them, and without them it may read a whole table where an index range would do).
 */
const BUILD_FROM_STORED_ROWS = `
lock table nps_responses in share mode;
   insert into nps_rollup_days (scope, stage, day, shown, promoters, passives, detractors)
     select s.scope, s.stage, (r.shown_at at time zone 'UTC')::date, count(*),
       count(*) filter (where r.status = 'answered' and r.category = 'promoter'),
       count(*) filter (where r.status = 'answered' and r.category = 'passive'),
       count(*) filter (where r.status = 'answered' and r.category = 'detractor')
     from nps_responses r cross join lateral (values
       (${SCOPE.everyStage}::smallint, ''::text),
       (case when r.stage is null then ${SCOPE.noStage} else ${SCOPE.namedStage} end::smallint, coalesce(r.stage, ''))) s(scope, stage)
     group by 1, 2, 3;
   insert into nps_rollup_stages (stage, responses)
     select stage, count(*) from nps_responses where stage is not null group by stage;
   insert into nps_user_summaries (user_id, latest_at, latest_score, latest_category, first_detractor_at)
     ${userSummariesOf(`select distinct user_id from nps_responses where status = 'answered' and user_id is not null`)};
   insert into nps_recovered_days (day, users)
     select (latest_at at time zone 'UTC')::date, count(*) from nps_user_summaries where recovered group by 1;
   analyze nps_responses, nps_rollup_days, nps_rollup_stages, nps_user_summaries, nps_recovered_days;`;

/**
 * Version 3's scale step: the indexes every route needs, the rollup tables, the functions that keep
 * them, the rollups of the rows already stored, and the triggers. Every part ends its statements
 * with a `;` at the end of a line (function bodies are dollar-quoted). On a large table it takes a while (about
 * a minute per few million responses): the collector migrates at start, before it answers.
 */
export const ROLLUP_MIGRATIONS: readonly string[] = [
  [
    RESPONSE_INDEXES,
    ROLLUP_TABLES,
    ROLLUP_APPLY_COUNTS,
    ROLLUP_APPLY_USERS,
    ROLLUP_CAPTURE,
    BUILD_FROM_STORED_ROWS,
    ROLLUP_TRIGGERS,
  ].join('\n'),
];

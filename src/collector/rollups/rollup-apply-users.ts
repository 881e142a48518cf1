/** When an answer was given: the time of its answer, or of its version for answers stored without one. */
export const ANSWER_TIME = 'coalesce(answered_at, updated_at)';

/**
 * Each user's summary, computed from their stored answers by two index probes (their latest answer,
 * and their earliest detractor answer other than it): the same whether they answered twice or
 * a hundred thousand times. `users` selects the users (a query with a `user_id` column).
 */
export const userSummariesOf = (users: string) => `
    select a.user_id, l.at as latest_at, l.score as latest_score, l.category as latest_category,
      (select min(${ANSWER_TIME}) from nps_responses d
       where d.user_id = a.user_id and d.status = 'answered' and d.category = 'detractor' and d.id <> l.id) as first_detractor_at
    from (${users}) a
    cross join lateral (
      select r.id, ${ANSWER_TIME} as at, r.score, r.category from nps_responses r
      where r.user_id = a.user_id and r.status = 'answered'
      order by ${ANSWER_TIME} desc, r.id desc limit 1) l`;

const LISTED = 'select distinct u as user_id from unnest (user_ids) u';

/**
 * The users' summaries (`nps_rollup_apply_users`, `nps_fold_user_changes`, `nps_recompute_users`), as
 * one migration step's statements (part of `ROLLUP_MIGRATIONS`, never edited once shipped).
 *
 * A summary depends on all of a user's answers, so two commits changing one user's answers would
 * wait for each other until the first one's commit is on disk. So a commit only notes which users
 * changed (`nps_user_changes`, plain inserts that wait for nothing), and their summaries are
 * computed again later: by the collector every few seconds, and by `GET /api/recovered` before it
 * reads (folds). Erasure is the exception: an erased user's summary and notes go in its transaction.
 * A recomputation takes a lock per user (in one order), and moves the recovered users per day by the
 * difference between the old summaries and the new ones, in one sorted pass.
 */
export const ROLLUP_APPLY_USERS = `
create function nps_recompute_users(user_ids text[]) returns void language plpgsql as $$
declare
  emptied_days date[];
begin
  perform nps_rollup_prepare_session();
  -- The subquery is sorted before the locks are taken (offset 0 keeps it a subquery).
  perform pg_advisory_xact_lock(4242019, h.user_hash)
    from (select distinct hashtext(u) as user_hash from unnest (user_ids) u order by 1 offset 0) h;
  delete from pg_temp.nps_rollup_users;
  insert into pg_temp.nps_rollup_users (user_id, latest_at, latest_score, latest_category, first_detractor_at)
    ${userSummariesOf(LISTED)};
  with changes as (
      select (s.latest_at at time zone 'UTC')::date as day, -1 as delta from nps_user_summaries s
      where s.recovered and s.user_id = any (user_ids)
      union all
      select (u.latest_at at time zone 'UTC')::date, 1 from pg_temp.nps_rollup_users u
      where u.latest_category <> 'detractor' and u.first_detractor_at is not null),
    counted as (
      insert into nps_recovered_days as d (day, users)
        select c.day, sum(c.delta) from changes c group by c.day having sum(c.delta) <> 0 order by c.day
      on conflict (day) do update set users = d.users + excluded.users
      returning d.day, d.users)
  select array_agg(counted.day) filter (where counted.users = 0) into emptied_days from counted;
  if emptied_days is not null then
    delete from nps_recovered_days d where d.day = any (emptied_days) and d.users = 0;
  end if;
  insert into nps_user_summaries as s (user_id, latest_at, latest_score, latest_category, first_detractor_at)
    select user_id, latest_at, latest_score, latest_category, first_detractor_at
    from pg_temp.nps_rollup_users order by user_id
  on conflict (user_id) do update set latest_at = excluded.latest_at,
    latest_score = excluded.latest_score, latest_category = excluded.latest_category,
    first_detractor_at = excluded.first_detractor_at;
  delete from nps_user_summaries s where s.user_id = any (user_ids)
    and not exists (select 1 from pg_temp.nps_rollup_users u where u.user_id = s.user_id);
end $$;
create function nps_rollup_apply_users() returns void language plpgsql as $$
declare
  erased text[] := array(select distinct user_id from pg_temp.nps_rollup_pending where deleted and user_id is not null);
begin
  if cardinality(erased) > 0 then
    delete from nps_user_changes where user_id = any (erased);
    perform nps_recompute_users(erased);
  end if;
  insert into nps_user_changes (user_id)
    select distinct user_id from pg_temp.nps_rollup_pending
    where answered and user_id is not null and not (user_id = any (erased));
end $$;
create function nps_fold_user_changes(max_users integer, skip_locked boolean) returns integer language plpgsql as $$
declare
  taken_users text[];
begin
  if skip_locked then
    with taken as (delete from nps_user_changes where ctid in (
        select ctid from nps_user_changes limit max_users for update skip locked) returning user_id)
    select array_agg(distinct user_id) into taken_users from taken;
  else
    with taken as (delete from nps_user_changes where ctid in (
        select ctid from nps_user_changes limit max_users for update) returning user_id)
    select array_agg(distinct user_id) into taken_users from taken;
  end if;
  if taken_users is null then
    return 0;
  end if;
  perform nps_recompute_users(taken_users);
  return cardinality(taken_users);
end $$;`;

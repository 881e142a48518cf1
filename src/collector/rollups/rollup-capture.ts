/** The session's temporary tables are truncated once this many pending rows were emptied from them. */
const TRUNCATE_AFTER_ROWS = 5000;

/**
 * How the rollups follow `nps_responses`, as one migration step's statements (part of
 * `ROLLUP_MIGRATIONS`, never edited once shipped).
 *
 * Statement-level triggers with transition tables see exactly the rows a statement changed: the
 * upsert's inserted rows, the old and new versions of the rows it updated (never the versions its
 * `where` kept), and the rows erasure deleted. They only copy them, signed (−1 for an old version,
 * +1 for a new one), into a temporary table of the session (`nps_rollup_pending`). The counts are
 * applied once, at commit, by a deferred constraint trigger on a one-row marker table
 * (`nps_rollup_apply`): the upsert fires its UPDATE trigger before its INSERT trigger, so applying
 * in each would lock counter rows in two passes, and two transactions could deadlock on them; one
 * pass at commit, every table in one order and every table's rows sorted, cannot.
 *
 * The temporary tables and the deferred trigger are created by the first capture in each session
 * (a connection of the pool, or PGlite's one). The apply empties them with `delete` (cheaper than
 * truncating them at every commit of a small batch), and truncates them once
 * {@link TRUNCATE_AFTER_ROWS} rows were emptied, since nothing vacuums temporary tables; only the
 * one-row marker is emptied at every commit.
 */
export const ROLLUP_CAPTURE = `
create function nps_rollup_prepare_session() returns void language plpgsql as $$
begin
  if to_regclass('pg_temp.nps_rollup_pending') is not null then
    return;
  end if;
  create temp table nps_rollup_pending (
    sign integer not null,
    id uuid not null,
    day date not null,
    stage text,
    answered boolean not null,
    promoter integer not null,
    passive integer not null,
    detractor integer not null,
    traits jsonb,
    user_id text,
    deleted boolean not null
  );
  create temp table nps_rollup_entries (
    key text not null,
    value text,
    sign integer not null,
    day date not null,
    stage text,
    promoter integer not null,
    passive integer not null,
    detractor integer not null
  );
  create temp table nps_rollup_users (
    user_id text not null,
    latest_at timestamptz not null,
    latest_score smallint not null,
    latest_category text not null,
    first_detractor_at timestamptz
  );
  -- The marker is emptied at every commit: it is one row without an index.
  create temp table nps_rollup_marker (pending boolean) on commit delete rows;
  create constraint trigger nps_rollup_apply after insert on pg_temp.nps_rollup_marker
    deferrable initially deferred for each row execute function nps_rollup_apply_at_commit();
end $$;
create function nps_rollup_capture() returns trigger language plpgsql as $$
begin
  perform nps_rollup_prepare_session();
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into pg_temp.nps_rollup_pending
    select -1, id, (shown_at at time zone 'UTC')::date, stage, status = 'answered',
      (status = 'answered' and category = 'promoter')::int, (status = 'answered' and category = 'passive')::int,
      (status = 'answered' and category = 'detractor')::int, traits, user_id, TG_OP = 'DELETE'
    from old_rows;
  end if;
  if TG_OP in ('UPDATE', 'INSERT') then
    insert into pg_temp.nps_rollup_pending
    select 1, id, (shown_at at time zone 'UTC')::date, stage, status = 'answered',
      (status = 'answered' and category = 'promoter')::int, (status = 'answered' and category = 'passive')::int,
      (status = 'answered' and category = 'detractor')::int, traits, user_id, false
    from new_rows;
  end if;
  insert into pg_temp.nps_rollup_marker select true where not exists (select from pg_temp.nps_rollup_marker);
  return null;
end $$;
create function nps_rollup_apply_at_commit() returns trigger language plpgsql as $$
begin
  perform nps_rollup_apply();
  return null;
end $$;
create function nps_rollup_apply() returns void language plpgsql as $$
declare
  pending_rows integer;
  has_removals boolean;
  has_answers boolean;
  emptied integer := coalesce(nullif(current_setting('nps.rollup_emptied_rows', true), '')::integer, 0);
begin
  select count(*), coalesce(bool_or(sign < 0), false), coalesce(bool_or(answered and user_id is not null), false)
    into pending_rows, has_removals, has_answers from pg_temp.nps_rollup_pending;
  if pending_rows > 0 then
    -- Changing the declared keys, or advancing a key's build, takes an exclusive lock on this table:
    -- it waits for every commit applying counts now, and none applies while it runs.
    lock table nps_segment_keys in row share mode;
    -- Tables in one order. Counter rows are this connection's own (buckets); the users' summaries
    -- come last, so a commit holds their locks, which other connections may want, the shortest time.
    perform nps_rollup_apply_segments(null, has_removals);
    perform nps_rollup_apply_counts(has_removals);
    if has_answers then
      perform nps_rollup_apply_users();
    end if;
  end if;
  -- Deleted rows stay in a temporary table until it is truncated (nothing vacuums it), and every
  -- later scan reads past them: truncate once ${TRUNCATE_AFTER_ROWS} rows were emptied since the last time.
  emptied := emptied + pending_rows;
  if emptied >= ${TRUNCATE_AFTER_ROWS} then
    truncate pg_temp.nps_rollup_pending, pg_temp.nps_rollup_entries, pg_temp.nps_rollup_users;
    emptied := 0;
  else
    delete from pg_temp.nps_rollup_pending;
  end if;
  perform set_config('nps.rollup_emptied_rows', emptied::text, false);
end $$;
create function nps_rollup_reset() returns trigger language plpgsql as $$
begin
  truncate nps_rollup_days, nps_rollup_stages, nps_rollup_segment_days, nps_rollup_segment_key_days,
    nps_rollup_segment_values, nps_user_summaries, nps_recovered_days;
  update nps_segment_keys set built = true, built_through = null;
  return null;
end $$;`;

/** The triggers, created last: after the rollups of the rows already stored are built. */
export const ROLLUP_TRIGGERS = `
create trigger nps_rollup_capture_insert after insert on nps_responses
     referencing new table as new_rows for each statement execute function nps_rollup_capture();
   create trigger nps_rollup_capture_update after update on nps_responses
     referencing old table as old_rows new table as new_rows for each statement execute function nps_rollup_capture();
   create trigger nps_rollup_capture_delete after delete on nps_responses
     referencing old table as old_rows for each statement execute function nps_rollup_capture();
   create trigger nps_rollup_reset after truncate on nps_responses
     for each statement execute function nps_rollup_reset();`;

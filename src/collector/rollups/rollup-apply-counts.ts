import { applyDeltas } from './apply-deltas-sql';
import { MAX_SEGMENT_VALUE_LENGTH, ROLLUP_BUCKETS, SCOPE } from './rollup-tables';

/**
 * The two stage scopes a row of `alias` counts in (every stage, and its own), as a lateral join
 * giving `s.scope` and `s.stage`.
 */
const scopesOf = (alias: string) => `cross join lateral (values
      (${SCOPE.everyStage}::smallint, ''::text),
      (case when ${alias}.stage is null then ${SCOPE.noStage} else ${SCOPE.namedStage} end::smallint, coalesce(${alias}.stage, ''))
    ) s(scope, stage)`;

/** The signed changes of the count columns over a group of pending rows `alias`. */
const countChanges = (alias: string) => [
  { column: 'shown', change: `sum(${alias}.sign)` },
  { column: 'promoters', change: `sum(${alias}.sign * ${alias}.promoter)` },
  { column: 'passives', change: `sum(${alias}.sign * ${alias}.passive)` },
  { column: 'detractors', change: `sum(${alias}.sign * ${alias}.detractor)` },
];

/** A day's rows go to this connection's bucket while the day is recent (today or yesterday, UTC), else to bucket 0. */
const DAY_BUCKET = 'case when g.day >= nps_rollup_recent_day() then nps_rollup_bucket() else 0 end';

const DAYS = applyDeltas({
  table: 'nps_rollup_days',
  groupColumns: ['scope', 'stage', 'day'],
  counters: countChanges('p'),
  source: `pg_temp.nps_rollup_pending p ${scopesOf('p')}`,
  groupExpressions: ['s.scope', 's.stage', 'p.day'],
  bucket: DAY_BUCKET,
});

const STAGES = applyDeltas({
  table: 'nps_rollup_stages',
  groupColumns: ['stage'],
  counters: [{ column: 'responses', change: 'sum(p.sign)' }],
  source: 'pg_temp.nps_rollup_pending p',
  groupExpressions: ['p.stage'],
  filter: 'where p.stage is not null',
  bucket: 'nps_rollup_bucket()',
});

const SEGMENT_DAYS = applyDeltas({
  table: 'nps_rollup_segment_days',
  groupColumns: ['key', 'value', 'scope', 'stage', 'day'],
  counters: countChanges('e'),
  source: `pg_temp.nps_rollup_entries e ${scopesOf('e')}`,
  groupExpressions: ['e.key', 'e.value', 's.scope', 's.stage', 'e.day'],
  filter: 'where e.value is not null',
  bucket: DAY_BUCKET,
});

const SEGMENT_KEY_DAYS = applyDeltas({
  table: 'nps_rollup_segment_key_days',
  groupColumns: ['key', 'scope', 'stage', 'day'],
  counters: countChanges('e'),
  source: `pg_temp.nps_rollup_entries e ${scopesOf('e')}`,
  groupExpressions: ['e.key', 's.scope', 's.stage', 'e.day'],
  bucket: DAY_BUCKET,
});

const SEGMENT_VALUES = applyDeltas({
  table: 'nps_rollup_segment_values',
  groupColumns: ['key', 'value'],
  counters: [{ column: 'responses', change: 'sum(e.sign)' }],
  source: 'pg_temp.nps_rollup_entries e',
  groupExpressions: ['e.key', 'e.value'],
  filter: 'where e.value is not null',
  bucket: 'nps_rollup_bucket()',
});

/**
 * The pending rows of the declared keys they count in (`only_key`: one key, for a build), with
 * their value: rows without the key add to no segment row (they are "(none)": the day's total minus
 * the key's), and values that are too long or not scalar have `value` null (they are "other").
 * A key still being built counts the rows up to `built_through` only: the build counts the rest.
 */
const ENTRIES = `insert into pg_temp.nps_rollup_entries (key, value, sign, day, stage, promoter, passive, detractor)
    select k.key, nps_segment_value(p.traits, k.key), p.sign, p.day, p.stage, p.promoter, p.passive, p.detractor
    from pg_temp.nps_rollup_pending p
    join nps_segment_keys k on (only_key is null or k.key = only_key) and (k.built or p.id <= k.built_through)
    where p.traits ->> k.key is not null`;

/**
 * Applying the pending changes to the day and stage counts (`nps_rollup_apply_counts`) and to the
 * segment counts (`nps_rollup_apply_segments`), as one migration step's statements (part of
 * `ROLLUP_MIGRATIONS`, never edited once shipped). `has_removals`: some pending row is an old
 * version or a deleted row, so some group may lose rows.
 */
export const ROLLUP_APPLY_COUNTS = `
create function nps_segment_value(traits jsonb, key text) returns text language sql immutable as $$
  select case when jsonb_typeof(traits -> key) in ('string', 'number', 'boolean')
    and char_length(traits ->> key) <= ${MAX_SEGMENT_VALUE_LENGTH} then traits ->> key end
$$;
create function nps_rollup_bucket() returns smallint language sql stable as $$
  select coalesce(nullif(current_setting('nps.rollup_bucket', true), '')::smallint, (pg_backend_pid() % ${ROLLUP_BUCKETS})::smallint)
$$;
create function nps_rollup_recent_day() returns date language sql stable as $$
  select (now() at time zone 'UTC')::date - 1
$$;
create function nps_rollup_apply_counts(has_removals boolean) returns void language plpgsql as $$
begin
  if has_removals then
    ${STAGES.shrink}
    ${DAYS.shrink}
  end if;
  ${STAGES.grow}
  ${DAYS.grow}
end $$;
create function nps_rollup_apply_segments(only_key text, has_removals boolean) returns void language plpgsql as $$
begin
  delete from pg_temp.nps_rollup_entries;
  ${ENTRIES};
  if not found then
    return;
  end if;
  if has_removals then
    ${SEGMENT_VALUES.shrink}
    ${SEGMENT_DAYS.shrink}
    ${SEGMENT_KEY_DAYS.shrink}
  end if;
  ${SEGMENT_VALUES.grow}
  ${SEGMENT_DAYS.grow}
  ${SEGMENT_KEY_DAYS.grow}
end $$;`;

import type { Database } from '../store/database';

/** Responses counted per build step: a step holds back the commits of new responses while it runs. */
const BUILD_BATCH = 2000;

/** What one build step did. */
export interface BuildStep {
  key: string;
  /** Responses counted by this step. */
  counted: number;
  /** The key's rollup now counts every stored response. */
  built: boolean;
}

/**
 * One step of building the rollup of a segment key declared after responses were stored: the next
 * `batchSize` responses in id order are counted, and the key's `built_through` moves past them, in
 * one transaction under an exclusive lock on `nps_segment_keys` (commits applying counts wait, so a
 * response is counted either here or by its commit, never both). The step that finds no response
 * left marks the key built. Undefined when no key is being built.
 * @example while ((await buildSegmentKeyStep(db))?.built === false);
 */
export async function buildSegmentKeyStep(db: Database, batchSize = BUILD_BATCH): Promise<BuildStep | undefined> {
  const pending = await db.query('select exists (select 1 from nps_segment_keys where not built) as building');
  if (pending.rows[0]?.building !== true) return undefined;
  return db.transaction(async (query) => {
    await query('lock table nps_segment_keys in exclusive mode');
    const { rows } = await query(
      'select key, built_through::text as built_through from nps_segment_keys where not built order by key limit 1',
    );
    const building = rows[0];
    if (!building) return undefined;
    const key = String(building.key);
    await query('select nps_rollup_prepare_session()');
    await query(
      `insert into pg_temp.nps_rollup_pending (sign, id, day, stage, answered, promoter, passive, detractor, traits, user_id, deleted)
       select 1, id, (shown_at at time zone 'UTC')::date, stage, status = 'answered',
         (status = 'answered' and category = 'promoter')::int, (status = 'answered' and category = 'passive')::int,
         (status = 'answered' and category = 'detractor')::int, traits, null, false
       from nps_responses where $1::uuid is null or id > $1::uuid order by id limit $2`,
      [building.built_through ?? null, batchSize],
    );
    const counted = await query('select count(*)::int as n, max(id::text) as last from pg_temp.nps_rollup_pending');
    const n = Number(counted.rows[0]?.n ?? 0);
    if (!n) {
      await query('update nps_segment_keys set built = true, built_through = null where key = $1', [key]);
      return { key, counted: 0, built: true };
    }
    await query('update nps_segment_keys set built_through = $2, rows_built = rows_built + $3 where key = $1', [
      key,
      counted.rows[0]?.last,
      n,
    ]);
    await query('select nps_rollup_apply_segments($1, false)', [key]);
    await query('delete from pg_temp.nps_rollup_pending');
    return { key, counted: n, built: false };
  });
}

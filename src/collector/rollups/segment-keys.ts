import type { Database } from '../store/database';
import type { Query } from '../store/queryable';

/** What a trait key (`segment=`, `SEGMENT_KEYS`) may look like. */
export const TRAIT_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

/** At most this many keys are rolled up: each one adds rows to every upsert. */
const MAX_SEGMENT_KEYS = 20;

/** `segment=` names a key that is not rolled up: the request is answered with 400 and this message. */
export class UndeclaredSegmentError extends Error {
  constructor(
    readonly key: string,
    readonly declared: readonly string[],
  ) {
    super(
      `segment=${key} is not a declared segment key: add it to SEGMENT_KEYS (the collector's segmentKeys option) ` +
        `to roll it up; declared: ${declared.join(', ') || 'none'}`,
    );
    this.name = 'UndeclaredSegmentError';
  }
}

/** A declared key, and whether its rollup counts every stored response yet. */
export interface SegmentKey {
  key: string;
  /** False while the rollup of a key declared after data existed is being built. */
  built: boolean;
  /** Responses counted by the build so far. */
  responsesCounted: number;
}

/**
 * Checks a `segmentKeys` option (or `SEGMENT_KEYS` split at commas) and returns the keys, without
 * duplicates; throws a `TypeError` naming the bad key.
 * @example checkSegmentKeys(['plan', 'country']) // ['plan', 'country']
 */
export function checkSegmentKeys(keys: readonly string[]): string[] {
  if (!Array.isArray(keys)) throw new TypeError('segmentKeys must be a list of trait keys, e.g. ["plan", "country"]');
  for (const key of keys)
    if (typeof key !== 'string' || !TRAIT_KEY.test(key))
      throw new TypeError(
        `segmentKeys: ${JSON.stringify(key)} is not a trait key (1 to 64 letters, digits or _ . : -)`,
      );
  const unique = [...new Set(keys)];
  if (unique.length > MAX_SEGMENT_KEYS)
    throw new TypeError(`segmentKeys: at most ${MAX_SEGMENT_KEYS} keys are rolled up, got ${unique.length}`);
  return unique;
}

/** The declared keys, in name order. */
export async function declaredSegmentKeys(query: Query): Promise<SegmentKey[]> {
  const { rows } = await query('select key, built, rows_built from nps_segment_keys order by key');
  return rows.map((row) => ({
    key: String(row.key),
    built: row.built === true,
    responsesCounted: Number(row.rows_built),
  }));
}

/**
 * Makes `keys` the declared segment keys: a new key starts being rolled up (from every response
 * stored from now on; the ones stored before are counted by {@link buildSegmentKeys}, in the
 * background), a key no longer listed is dropped with its rollup rows. The change waits for the
 * commits applying counts at that moment, and none applies while it runs, so no response is counted
 * twice or missed.
 * @returns the keys added and dropped
 * @example await declareSegmentKeys(db, ['plan', 'country'])
 */
export async function declareSegmentKeys(
  db: Database,
  keys: readonly string[],
): Promise<{ added: string[]; dropped: string[] }> {
  const wanted = checkSegmentKeys(keys);
  return db.transaction(async (query) => {
    await query('lock table nps_segment_keys in exclusive mode');
    const declared = (await declaredSegmentKeys(query)).map((k) => k.key);
    const added = wanted.filter((key) => !declared.includes(key));
    const dropped = declared.filter((key) => !wanted.includes(key));
    if (dropped.length) {
      await query('delete from nps_segment_keys where key = any ($1::text[])', [dropped]);
      for (const table of ['nps_rollup_segment_days', 'nps_rollup_segment_key_days', 'nps_rollup_segment_values'])
        await query(`delete from ${table} where key = any ($1::text[])`, [dropped]);
    }
    if (added.length) {
      // With nothing stored yet there is nothing to build.
      const { rows } = await query('select not exists (select 1 from nps_responses) as empty');
      await query(
        'insert into nps_segment_keys (key, built) select key, $2 from unnest ($1::text[]) key on conflict (key) do nothing',
        [added, rows[0]?.empty === true],
      );
    }
    return { added, dropped };
  });
}

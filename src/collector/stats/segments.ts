import type { SegmentsReply } from '../../core/api-types';
import type { Query } from '../store/database';

/** At most this many trait keys, and values per key, are listed. */
const MAX_KEYS = 50;
const MAX_VALUES = 10;

// Scalar trait values only: an object or list is not a segment anyone can pick.
const TRAIT_VALUES = `select e.key, e.value #>> '{}' as value, count(*)::int as responses
  from nps_responses r, jsonb_each(case when jsonb_typeof(r.traits) = 'object' then r.traits else '{}'::jsonb end) e
  where jsonb_typeof(e.value) in ('string', 'number', 'boolean')
  group by 1, 2`;

/**
 * `GET /api/segments`: the trait keys seen on responses (the most common first, at most 50), each
 * with its most common values (at most 10): what `GET /api/stats?segment=<key>` can group by.
 * @example await listSegments(db.query) // { segments: [{ key: 'plan', responses: 240, values: [{ value: 'pro', responses: 120 }, …] }] }
 */
export async function listSegments(query: Query): Promise<SegmentsReply> {
  const { rows } = await query(TRAIT_VALUES);
  const byKey = new Map<string, { value: string; responses: number }[]>();
  for (const row of rows) {
    const key = String(row.key);
    byKey.set(key, [...(byKey.get(key) ?? []), { value: String(row.value), responses: Number(row.responses) }]);
  }
  const segments = [...byKey].map(([key, values]) => ({
    key,
    responses: values.reduce((sum, v) => sum + v.responses, 0),
    values: values.sort((a, b) => b.responses - a.responses || (a.value < b.value ? -1 : 1)).slice(0, MAX_VALUES),
  }));
  segments.sort((a, b) => b.responses - a.responses || (a.key < b.key ? -1 : 1));
  return { segments: segments.slice(0, MAX_KEYS) };
}

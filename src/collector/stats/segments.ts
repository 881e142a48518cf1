import type { SegmentsReply } from '../../core/api-types';
import { ROLLUP_BUCKETS } from '../rollups/rollup-tables';
import { declaredSegmentKeys, TRAIT_KEY } from '../rollups/segment-keys';
import type { Query } from '../store/database';

/** At most this many values per declared key, and undeclared keys, are listed. */
const MAX_VALUES = 10;
const MAX_SUGGESTIONS = 50;

/**
 * How many of the latest receipts are looked at for undeclared keys: the responses whose place in
 * the receive order is among the last 10,000 (an index range, at most 10,000 rows).
 */
const SUGGESTION_SAMPLE = 10_000;

// The most common values of each declared key: the ranking index gives candidates, their bucket
// rows give the exact counts.
const TOP_VALUES = `select k.key, v.value, (select sum(t.responses) from nps_rollup_segment_values t
    where t.key = k.key and t.value = v.value)::float8 as responses
  from nps_segment_keys k cross join lateral (
    select ranked.value from (select value, responses from nps_rollup_segment_values
      where key = k.key and responses > 0 order by responses desc, value limit ${MAX_VALUES * ROLLUP_BUCKETS}) ranked
    group by ranked.value order by sum(ranked.responses) desc, ranked.value limit ${MAX_VALUES}) v`;

const KEY_RESPONSES = `select key, sum(shown)::float8 as responses from nps_rollup_segment_key_days
  where scope = 0 group by key`;

const RECENT_KEYS = `select e.key, count(*)::int as responses
  from (select traits from nps_responses
    where received_seq > (select max(received_seq) from nps_responses) - ${SUGGESTION_SAMPLE}) r
  cross join lateral jsonb_object_keys(case when jsonb_typeof(r.traits) = 'object' then r.traits else '{}'::jsonb end) e(key)
  group by e.key order by 2 desc, 1 limit ${MAX_SUGGESTIONS + 20}`;

/**
 * `GET /api/segments`: the declared segment keys (most responses first), each with its most common
 * values (at most 10), from the rollups; and, as suggestions for `SEGMENT_KEYS`, the undeclared trait
 * keys seen in the latest 10,000 responses (at most 50). Its cost does not depend on how many
 * responses are stored or how many distinct values a key has.
 * @example await listSegments(db.query) // { segments: [{ key: 'plan', responses: 240, values: [{ value: 'pro', responses: 120 }, …] }], suggestions: [] }
 */
export async function listSegments(query: Query): Promise<SegmentsReply> {
  const [declared, values, totals, recent] = await Promise.all([
    declaredSegmentKeys(query),
    query(TOP_VALUES),
    query(KEY_RESPONSES),
    query(RECENT_KEYS),
  ]);
  const responsesOf = new Map(totals.rows.map((row) => [String(row.key), Number(row.responses)]));
  const segments: SegmentsReply['segments'] = declared.map(({ key, built, responsesCounted }) => ({
    key,
    responses: responsesOf.get(key) ?? 0,
    values: built
      ? values.rows
          .filter((row) => row.key === key)
          .map((row) => ({ value: String(row.value), responses: Number(row.responses) }))
          .sort((a, b) => b.responses - a.responses || (a.value < b.value ? -1 : 1))
      : [],
    ...(built ? {} : { pending: { responsesCounted } }),
  }));
  segments.sort((a, b) => b.responses - a.responses || (a.key < b.key ? -1 : 1));
  const isDeclared = new Set(declared.map((k) => k.key));
  const suggestions = recent.rows
    .map((row) => ({ key: String(row.key), responses: Number(row.responses) }))
    .filter(({ key }) => !isDeclared.has(key) && TRAIT_KEY.test(key))
    .slice(0, MAX_SUGGESTIONS);
  return { segments, suggestions };
}

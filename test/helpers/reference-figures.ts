/**
 * The figures the rollups serve, counted the slow way: over every stored row, in JavaScript, by the
 * definitions in src/collector/README.md ("Rollups"). The exactness tests compare the two.
 */
import type { NpsCounts } from '../../src/core/api-types';
import { isRecovered } from '../../src/collector/follow-up/recovered-detractors';
import { isoWeek } from '../../src/collector/stats/iso-week';
import { addCounts, noCounts } from '../../src/collector/stats/nps-figures';
import type { Database } from '../../src/collector-entry';

/** A stored row as the reference needs it. */
export interface StoredRow {
  id: string;
  status: string;
  category: string | null;
  score: number | null;
  stage: string | null;
  traits: unknown;
  userId: string | null;
  shownAt: number;
  answerAt: number;
}

/** Every stored row. */
export async function storedRows(db: Database): Promise<StoredRow[]> {
  const { rows } = await db.query(
    `select id::text as id, status, category, score, stage, traits, user_id,
       (extract(epoch from shown_at) * 1000)::float8 as shown_ms,
       (extract(epoch from coalesce(answered_at, updated_at)) * 1000)::float8 as answer_ms
     from nps_responses`,
  );
  return rows.map((row) => ({
    id: String(row.id),
    status: String(row.status),
    category: row.category == null ? null : String(row.category),
    score: row.score == null ? null : Number(row.score),
    stage: row.stage == null ? null : String(row.stage),
    traits: row.traits,
    userId: row.user_id == null ? null : String(row.user_id),
    shownAt: Math.round(Number(row.shown_ms)),
    answerAt: Math.round(Number(row.answer_ms)),
  }));
}

const countsOfRows = (rows: readonly StoredRow[]): NpsCounts => {
  let counts = noCounts();
  for (const row of rows) {
    const answered = row.status === 'answered';
    counts = addCounts(counts, {
      shown: 1,
      promoters: answered && row.category === 'promoter' ? 1 : 0,
      passives: answered && row.category === 'passive' ? 1 : 0,
      detractors: answered && row.category === 'detractor' ? 1 : 0,
    });
  }
  return counts;
};

/** A trait's value as a segment names it: a string, number or boolean of at most 200 characters; else undefined. */
export function segmentValue(traits: unknown, key: string): string | undefined {
  if (!traits || typeof traits !== 'object' || Array.isArray(traits)) return undefined;
  const value = (traits as Record<string, unknown>)[key];
  if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  const text = String(value);
  return [...text].length <= 200 ? text : undefined;
}

/** Whether a row has the trait at all (any value but JSON null). */
export function hasTrait(traits: unknown, key: string): boolean {
  if (!traits || typeof traits !== 'object' || Array.isArray(traits)) return false;
  const value = (traits as Record<string, unknown>)[key];
  return value !== undefined && value !== null;
}

/** The 50 names most common over `names` (most first, then by name). */
function topFifty(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 50)
    .map(([name]) => name);
}

/** A stats filter as the reference reads it (`stage` '(none)': no stage). */
export interface ReferenceFilter {
  stage?: string;
  from?: number;
  to?: number;
  segment?: string;
}

/** Groups: named, other, none (each left out when it has no rows), as `labelGroups` lists them before labelling. */
type ReferenceGroups = { named: Record<string, NpsCounts>; other?: NpsCounts; none?: NpsCounts };

function grouped(
  rows: readonly StoredRow[],
  top: readonly string[],
  nameOf: (row: StoredRow) => string | null | undefined,
) {
  const groups: ReferenceGroups = { named: {} };
  const buckets = { named: new Map<string, StoredRow[]>(), other: [] as StoredRow[], none: [] as StoredRow[] };
  for (const row of rows) {
    const name = nameOf(row);
    if (name === null) buckets.none.push(row);
    else if (name !== undefined && top.includes(name))
      buckets.named.set(name, [...(buckets.named.get(name) ?? []), row]);
    else buckets.other.push(row);
  }
  for (const [name, list] of buckets.named) groups.named[name] = countsOfRows(list);
  if (buckets.other.length) groups.other = countsOfRows(buckets.other);
  if (buckets.none.length) groups.none = countsOfRows(buckets.none);
  return groups;
}

/** The figures of a filter, counted over the rows. */
export function referenceFigures(all: readonly StoredRow[], filter: ReferenceFilter) {
  const rows = all.filter(
    (row) =>
      (filter.from === undefined || row.shownAt >= filter.from) &&
      (filter.to === undefined || row.shownAt < filter.to) &&
      (filter.stage === undefined || (filter.stage === '(none)' ? row.stage === null : row.stage === filter.stage)),
  );
  const weeks = new Map<string, StoredRow[]>();
  for (const row of rows) weeks.set(isoWeek(row.shownAt), [...(weeks.get(isoWeek(row.shownAt)) ?? []), row]);
  const topStages = topFifty(all.flatMap((row) => (row.stage === null ? [] : [row.stage])));
  const byStage =
    filter.stage === undefined
      ? grouped(rows, topStages, (row) => row.stage)
      : grouped(rows, [filter.stage], (row) => (filter.stage === '(none)' ? null : row.stage));
  const key = filter.segment;
  const bySegment =
    key === undefined
      ? undefined
      : grouped(rows, topFifty(all.flatMap((row) => segmentValue(row.traits, key) ?? [])), (row) =>
          hasTrait(row.traits, key) ? segmentValue(row.traits, key) : null,
        );
  return {
    counts: countsOfRows(rows),
    byWeek: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, list]) => ({ week, ...countsOfRows(list) })),
    byStage,
    bySegment,
  };
}

/** Recovered detractors by the time of their latest answer, newest first, counted over the rows. */
export function referenceRecovered(all: readonly StoredRow[], from?: number, to?: number) {
  const byUser = new Map<string, StoredRow[]>();
  for (const row of all)
    if (row.userId !== null && row.status === 'answered')
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  const users = [];
  for (const [userId, answers] of byUser) {
    answers.sort((a, b) => a.answerAt - b.answerAt || (a.id < b.id ? -1 : 1));
    const latest = answers[answers.length - 1];
    if (
      !isRecovered(answers) ||
      (from !== undefined && latest.answerAt < from) ||
      (to !== undefined && latest.answerAt >= to)
    )
      continue;
    const firstDetractorAt = Math.min(
      ...answers
        .slice(0, -1)
        .filter((a) => a.category === 'detractor')
        .map((a) => a.answerAt),
    );
    users.push({ userId, firstDetractorAt, latestScore: latest.score, latestAt: latest.answerAt });
  }
  return users.sort((a, b) => b.latestAt - a.latestAt || (a.userId < b.userId ? -1 : 1));
}

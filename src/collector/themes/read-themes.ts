import type { CommentCounts, ThemesReply, ThemeTerm } from '../../core/api-types';
import type { Category } from '../../core/wire';
import type { StatsFilter } from '../http/read-filter';
import type { Query } from '../store/queryable';
import { where } from '../store/store-sql';
import { type PickedTerm, pickThemes } from './pick-themes';
import { surfaceForms } from './surface-forms';
import { type ByCategory, type SampledComment, tallyTerms } from './tally-terms';
import type { ThemeSettings } from './theme-options';

/** Which comments `GET /api/themes` compares, and how many terms it answers per side. */
export interface ThemesFilter extends Pick<StatsFilter, 'stage' | 'from' | 'to'> {
  /** With `value`: only responses whose trait `segment` is `value`. */
  segment?: string;
  value?: string;
  /** Terms per side. */
  limit: number;
}

/**
 * The newest answered comments of the filter (one more than the sample, to tell whether there were
 * more). The order names the table's `id`: a bare `id` would be the text column of the output, which
 * no index serves.
 */
function sampleSql(filter: ThemesFilter, sampleSize: number): { sql: string; params: unknown[] } {
  const { sql, params } = where({ stage: filter.stage, from: filter.from, to: filter.to, hasComment: true });
  const clauses = [sql, 'and category is not null'];
  if (filter.segment !== undefined && filter.value !== undefined) {
    params.push(filter.segment, filter.value);
    clauses.push(`and traits ->> $${params.length - 1}::text = $${params.length}::text`);
  }
  params.push(sampleSize + 1);
  return {
    sql: `select id::text as id, category, comment_search::text as stems from nps_responses ${clauses.join(' ')}
      order by shown_at desc, nps_responses.id desc limit $${params.length}::int`,
    params,
  };
}

const commentCounts = (counts: ByCategory<number>): CommentCounts => ({
  detractors: counts.detractor,
  passives: counts.passive,
  promoters: counts.promoter,
});

const themeTerm = (picked: PickedTerm, forms: Map<string, string>): ThemeTerm => ({
  term: picked.term,
  text: forms.get(picked.term) ?? picked.term,
  counts: commentCounts(picked.tally.counts),
  z: picked.z,
  examples: picked.examples,
});

/**
 * `GET /api/themes`: what detractors mention more than promoters, and the reverse, in the newest
 * `sampleSize` comments of the range (see `pick-themes.ts` for the method). Below `minComments`
 * detractor or promoter comments, the reply is `tooFew` and names no term. Two queries: the sample
 * (an index over commented rows by `shown_at`), then the few comments that show how the reported
 * terms were written.
 * @example await readThemes(db.query, { from: new Date('2026-11-01'), limit: 10 }, DEFAULT_THEME_SETTINGS)
 */
export async function readThemes(query: Query, filter: ThemesFilter, settings: ThemeSettings): Promise<ThemesReply> {
  const { sql, params } = sampleSql(filter, settings.sampleSize);
  const { rows } = await query(sql, params);
  const sampled = rows.length > settings.sampleSize;
  const sample: SampledComment[] = rows.slice(0, settings.sampleSize).map((row) => ({
    id: String(row.id),
    category: row.category as Category,
    stems: String(row.stems ?? ''),
  }));
  const tallies = tallyTerms(sample);
  const minimum = { comments: settings.minComments, mentions: settings.minMentions };
  const tooFew = Math.min(tallies.comments.detractor, tallies.comments.promoter) < settings.minComments;
  const reply = { comments: commentCounts(tallies.comments), sampled, tooFew, minimum };
  if (tooFew) return { ...reply, detractors: [], promoters: [] };
  const picked = pickThemes(tallies, { ...settings, limit: filter.limit });
  const forms = await surfaceForms(query, [...picked.detractors, ...picked.promoters]);
  return {
    ...reply,
    detractors: picked.detractors.map((term) => themeTerm(term, forms)),
    promoters: picked.promoters.map((term) => themeTerm(term, forms)),
  };
}

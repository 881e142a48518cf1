import type { Query } from '../store/queryable';
import { lexemesByPosition, PHRASE_SEPARATOR, termPositions } from './comment-terms';
import type { PickedTerm } from './pick-themes';

// The `simple` configuration splits a comment into the same tokens, at the same positions, as any
// language's configuration (they map the same token types), but keeps every word, lower-cased and
// unstemmed: position by position, it says how a stem was written.
const SOURCES = `select id::text as id, comment, comment_search::text as stems, to_tsvector('simple', comment)::text as words
  from nps_responses where id = any($1::uuid[]) and comment is not null`;

/** One comment, read three ways. */
interface Source {
  comment: string;
  stems: string[];
  words: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words (lower-cased, as `simple` reads them) at `position`, one or two of them. */
function lowerCasedAt(source: Source, term: string, position: number): string[] | undefined {
  const length = term.split(PHRASE_SEPARATOR).length;
  const words = source.words.slice(position, position + length);
  return words.length === length && words.every(Boolean) ? words : undefined;
}

/**
 * The words as the comment writes them (their capitals); undefined when they cannot be found, or
 * open a sentence, where a capital says nothing about how the word is written.
 */
function asWritten(comment: string, words: string[]): string | undefined {
  const between = '[^\\p{L}\\p{N}]+';
  const pattern = `(?<![\\p{L}\\p{N}])${words.map((word) => `(${escapeRegExp(word)})`).join(between)}(?![\\p{L}\\p{N}])`;
  const found = new RegExp(pattern, 'iu').exec(comment);
  if (!found || /(^|[.!?…])$/u.test(comment.slice(0, found.index).trimEnd())) return undefined;
  return found.slice(1).join(' ');
}

/** The most common key of a count, the first seen among equals. */
function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  for (const [key, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = key;
  return best;
}

/**
 * The readable form of a term from the comments that mention it: the most common way it was
 * written, in lower case unless, inside sentences, it was always written with capitals (a name, a
 * German noun).
 */
function readableForm(term: string, sources: Source[]): string {
  const lowerCased = new Map<string, number>();
  const written = new Map<string, Map<string, number>>();
  for (const source of sources)
    for (const position of termPositions(source.stems, term)) {
      const words = lowerCasedAt(source, term, position);
      if (!words) continue;
      const lower = words.join(' ');
      lowerCased.set(lower, (lowerCased.get(lower) ?? 0) + 1);
      const variants = written.get(lower) ?? new Map<string, number>();
      written.set(lower, variants);
      const variant = asWritten(source.comment, words);
      if (variant !== undefined) variants.set(variant, (variants.get(variant) ?? 0) + 1);
    }
  const lower = mostCommon(lowerCased);
  if (lower === undefined) return term;
  const variants = written.get(lower) ?? new Map<string, number>();
  return variants.has(lower) ? lower : (mostCommon(variants) ?? lower);
}

/**
 * How each picked term was written (`ship` → "shipping", `ship cost` → "shipping costs"), read from
 * the newest comments of its side that mention it (at most eight each), in one query.
 * @example await surfaceForms(db.query, picked) // Map { 'ship' => 'shipping' }
 */
export async function surfaceForms(query: Query, picked: readonly PickedTerm[]): Promise<Map<string, string>> {
  const ids = [...new Set(picked.flatMap((term) => term.sources))];
  const forms = new Map<string, string>();
  if (!ids.length) return forms;
  const { rows } = await query(SOURCES, [ids]);
  const byId = new Map<string, Source>();
  for (const row of rows)
    byId.set(String(row.id), {
      comment: String(row.comment),
      stems: lexemesByPosition(String(row.stems)),
      words: lexemesByPosition(String(row.words)),
    });
  for (const { term, sources: ids } of picked) {
    const sources = ids.flatMap((id) => byId.get(id) ?? []);
    forms.set(term, readableForm(term, sources));
  }
  return forms;
}

import type { Category } from '../../core/wire';
import { commentTerms, lexemesByPosition } from './comment-terms';

/** A comment of the sample: its response, its category and its `comment_search` in text form. */
export interface SampledComment {
  id: string;
  category: Category;
  stems: string;
}

/** Per category. */
export type ByCategory<T> = Record<Category, T>;

/** Example responses kept per term and side. */
export const EXAMPLES_PER_SIDE = 3;

/** Comments kept per term to read how it was written (its surface forms). */
export const FORM_SOURCES_PER_TERM = 8;

/** What the sample says about one term. */
export interface TermTally {
  /** Comments mentioning it, per category. */
  counts: ByCategory<number>;
  /** The newest responses mentioning it, per category (at most {@link EXAMPLES_PER_SIDE}). */
  examples: ByCategory<string[]>;
  /** The newest responses mentioning it (at most {@link FORM_SOURCES_PER_TERM}). */
  sources: string[];
}

/** Every term of the sample, and the totals of the comparison. */
export interface Tallies {
  terms: Map<string, TermTally>;
  /** Mentions of every term together, per category (n in the log-odds formula). */
  mentions: ByCategory<number>;
  /** Comments, per category. */
  comments: ByCategory<number>;
}

const zeroes = (): ByCategory<number> => ({ detractor: 0, passive: 0, promoter: 0 });

function tallyOf(terms: Map<string, TermTally>, term: string): TermTally {
  let tally = terms.get(term);
  if (!tally) {
    tally = { counts: zeroes(), examples: { detractor: [], passive: [], promoter: [] }, sources: [] };
    terms.set(term, tally);
  }
  return tally;
}

/**
 * Counts, for every term (stem or two-stem phrase), the comments of each category that mention it,
 * newest first, keeping a few example responses per side: the input of the log-odds comparison.
 * A comment mentions a term once however often it repeats it.
 * @example tallyTerms([{ id, category: 'detractor', stems: "'late':2 'ship':1" }]).terms.get('ship late')?.counts.detractor // 1
 */
export function tallyTerms(sample: Iterable<SampledComment>): Tallies {
  const terms = new Map<string, TermTally>();
  const mentions = zeroes();
  const comments = zeroes();
  for (const { id, category, stems } of sample) {
    comments[category]++;
    for (const term of commentTerms(lexemesByPosition(stems))) {
      const tally = tallyOf(terms, term);
      tally.counts[category]++;
      mentions[category]++;
      if (tally.examples[category].length < EXAMPLES_PER_SIDE) tally.examples[category].push(id);
      if (tally.sources.length < FORM_SOURCES_PER_TERM) tally.sources.push(id);
    }
  }
  return { terms, mentions, comments };
}

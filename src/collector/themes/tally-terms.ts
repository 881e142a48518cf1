import type { Category } from '../../core/wire';
import { forEachLexeme, isThemeWord, PHRASE_SEPARATOR } from './comment-terms';

/** A comment of the sample: its response, its category and its `comment_search` in text form. */
export interface SampledComment {
  id: string;
  category: Category;
  stems: string;
}

/** Per category. */
export type ByCategory<T> = Record<Category, T>;

/**
 * Responses kept per term and category, newest first: the first three are a side's examples, and
 * all of them show how that side wrote the term.
 */
const KEPT_PER_CATEGORY = 8;

/** What the sample says about one term. */
export interface TermTally {
  /** Comments mentioning it, per category. */
  counts: ByCategory<number>;
  /** The newest responses mentioning it, per category (at most {@link KEPT_PER_CATEGORY}). */
  newest: ByCategory<string[]>;
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

/**
 * Numbers for the theme words of a sample, so that terms are counted under numbers (a phrase under
 * the pair of its words' numbers) instead of strings built and hashed for every mention.
 */
class Vocabulary {
  readonly words: string[] = [];
  readonly #numbers = new Map<string, number>();

  /** The number of a lexeme, or -1 when it cannot be part of a theme (see `isThemeWord`). */
  numberOf(lexeme: string): number {
    let number = this.#numbers.get(lexeme);
    if (number === undefined) {
      number = isThemeWord(lexeme) ? this.words.push(lexeme) - 1 : -1;
      this.#numbers.set(lexeme, number);
    }
    return number;
  }
}

/** Keys of phrases start here: (first word + 1) × PHRASE_KEY + second word; single words are their number. */
const PHRASE_KEY = 2 ** 26;

const termOfKey = (words: readonly string[], key: number): string =>
  key < PHRASE_KEY ? words[key] : words[Math.floor(key / PHRASE_KEY) - 1] + PHRASE_SEPARATOR + words[key % PHRASE_KEY];

/** A term's tally while counting, with the last comment that counted it (a comment counts once). */
interface Counting extends TermTally {
  lastComment: number;
}

/** The theme words of one comment by position (a sparse array of vocabulary numbers). */
function wordsByPosition(vocabulary: Vocabulary, stems: string): number[] {
  const words: number[] = [];
  forEachLexeme(stems, (lexeme, position) => {
    const number = vocabulary.numberOf(lexeme);
    if (number >= 0) words[position] = number;
  });
  return words;
}

/**
 * Counts, for every term (stem or two-stem phrase), the comments of each category that mention it,
 * keeping the newest responses of each category that mention it: the input of the log-odds comparison.
 * A comment mentions a term once however often it repeats it; a phrase is two theme words at
 * positions n and n + 1, so never one across a stop word.
 * @example tallyTerms([{ id, category: 'detractor', stems: "'late':2 'ship':1" }]).terms.get('ship late')?.counts.detractor // 1
 */
export function tallyTerms(sample: Iterable<SampledComment>): Tallies {
  const vocabulary = new Vocabulary();
  const counting = new Map<number, Counting>();
  const mentions = zeroes();
  const comments = zeroes();
  let commentNumber = 0;
  const count = (key: number, id: string, category: Category) => {
    let tally = counting.get(key);
    if (!tally) {
      const newest = { detractor: [], passive: [], promoter: [] };
      tally = { counts: zeroes(), newest, lastComment: -1 };
      counting.set(key, tally);
    }
    if (tally.lastComment === commentNumber) return;
    tally.lastComment = commentNumber;
    tally.counts[category]++;
    mentions[category]++;
    if (tally.newest[category].length < KEPT_PER_CATEGORY) tally.newest[category].push(id);
  };
  for (const { id, category, stems } of sample) {
    commentNumber++;
    comments[category]++;
    const words = wordsByPosition(vocabulary, stems);
    for (let position = 0; position < words.length; position++) {
      const word = words[position];
      if (word === undefined) continue;
      count(word, id, category);
      const next = words[position + 1];
      if (next !== undefined) count((word + 1) * PHRASE_KEY + next, id, category);
    }
  }
  const terms = new Map<string, TermTally>();
  for (const [key, { counts, newest }] of counting) terms.set(termOfKey(vocabulary.words, key), { counts, newest });
  return { terms, mentions, comments };
}

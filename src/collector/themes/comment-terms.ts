/**
 * The lexemes of a `tsvector` in its text form, by position: `'ship':1,4 'cost':2` → `[, 'ship',
 * 'cost', , 'ship']` (a sparse array; stop words keep their position but have no lexeme). PostgreSQL
 * writes every lexeme in single quotes, with `'` and `\` doubled, and each position as a number with
 * an optional weight letter.
 * @example lexemesByPosition("'deliveri':3 'late':2") // [, , 'late', 'deliveri']
 */
export function lexemesByPosition(tsvector: string): string[] {
  const byPosition: string[] = [];
  const entry = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;
  for (const [, quoted, positions] of tsvector.matchAll(entry)) {
    if (!positions) continue;
    const lexeme = quoted.replace(/''|\\(.)/g, (_escaped, character: string | undefined) => character ?? "'");
    for (const position of positions.split(',')) byPosition[Number.parseInt(position, 10)] = lexeme;
  }
  return byPosition;
}

/**
 * Whether a lexeme can be (part of) a theme: a word of at least two characters, not a number, and
 * not a piece of an address, a path, a version or a whole hyphenated compound (whose parts are
 * lexemes of their own).
 */
export const isThemeWord = (lexeme: string): boolean => /^[^\s\-./@:+_\\]{2,}$/u.test(lexeme) && !/^\d+$/.test(lexeme);

/** The separator of the two stems of a phrase term. */
export const PHRASE_SEPARATOR = ' ';

/**
 * The terms of one comment, once each: its theme words (stems), and every two of them that follow
 * each other (positions n and n + 1, so never across a stop word).
 * @example commentTerms(lexemesByPosition("'cost':3 'high':4 'ship':2")) // Set { 'ship', 'ship cost', 'cost', 'cost high', 'high' }
 */
export function commentTerms(byPosition: readonly (string | undefined)[]): Set<string> {
  const terms = new Set<string>();
  for (let position = 0; position < byPosition.length; position++) {
    const word = byPosition[position];
    if (word === undefined || !isThemeWord(word)) continue;
    terms.add(word);
    const next = byPosition[position + 1];
    if (next !== undefined && isThemeWord(next)) terms.add(word + PHRASE_SEPARATOR + next);
  }
  return terms;
}

/**
 * Where a term occurs in a comment: the positions where its stem, or its phrase's first stem
 * followed by the second, stands.
 * @example termPositions(lexemesByPosition("'cost':3 'ship':2"), 'ship cost') // [2]
 */
export function termPositions(byPosition: readonly (string | undefined)[], term: string): number[] {
  const [first, second] = term.split(PHRASE_SEPARATOR);
  const found: number[] = [];
  for (let position = 0; position < byPosition.length; position++)
    if (byPosition[position] === first && (second === undefined || byPosition[position + 1] === second))
      found.push(position);
  return found;
}

const QUOTE = 39; // '
const BACKSLASH = 92; // \
const COLON = 58; // :
const COMMA = 44; // ,
const SPACE = 32;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** `''` and `\x` as PostgreSQL writes them inside a lexeme, read back. */
const unescapeLexeme = (text: string) => text.replace(/''|\\(.)/g, (_escaped, character?: string) => character ?? "'");

/** The end of the lexeme whose text starts at `start` (the index of its closing quote), and whether it has escapes. */
function lexemeEnd(tsvector: string, start: number): { end: number; escaped: boolean } {
  let end = start;
  let escaped = false;
  for (;;) {
    const code = tsvector.charCodeAt(end);
    if (Number.isNaN(code)) return { end, escaped };
    if (code === BACKSLASH || (code === QUOTE && tsvector.charCodeAt(end + 1) === QUOTE)) {
      end += 2;
      escaped = true;
    } else if (code === QUOTE) return { end, escaped };
    else end++;
  }
}

/**
 * Calls `visit` with each lexeme of a `tsvector` in its text form and each of its positions
 * (`'ship':1,4 'cost':2` → ship 1, ship 4, cost 2). PostgreSQL writes every lexeme in single quotes,
 * with `'` and `\` doubled, and each position as a number with an optional weight letter. A plain
 * scanner rather than a regular expression: themes read 20,000 of these per request.
 */
export function forEachLexeme(tsvector: string, visit: (lexeme: string, position: number) => void): void {
  let at = tsvector.indexOf("'");
  while (at !== -1) {
    const { end, escaped } = lexemeEnd(tsvector, at + 1);
    const raw = tsvector.slice(at + 1, end);
    const lexeme = escaped ? unescapeLexeme(raw) : raw;
    let index = end + 1;
    if (tsvector.charCodeAt(index) === COLON) {
      let position = 0;
      for (index++; index <= tsvector.length; index++) {
        const code = tsvector.charCodeAt(index);
        if (code >= DIGIT_0 && code <= DIGIT_9) position = position * 10 + code - DIGIT_0;
        else if (code === COMMA || code === SPACE || Number.isNaN(code)) {
          visit(lexeme, position);
          position = 0;
          if (code !== COMMA) break;
        }
      }
    }
    at = tsvector.indexOf("'", index);
  }
}

/**
 * The lexemes of a `tsvector` in its text form, by position: `'ship':1,4 'cost':2` → `[, 'ship',
 * 'cost', , 'ship']` (a sparse array; stop words keep their position but have no lexeme).
 * @example lexemesByPosition("'deliveri':3 'late':2") // [, , 'late', 'deliveri']
 */
export function lexemesByPosition(tsvector: string): string[] {
  const byPosition: string[] = [];
  forEachLexeme(tsvector, (lexeme, position) => {
    byPosition[position] = lexeme;
  });
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

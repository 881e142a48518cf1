// Whitespace a spreadsheet may skip before reading a formula: \s covers spaces, tabs, line breaks,
// NBSP, the BOM and every Unicode space separator; the rest are the zero-width spaces and joiners.
const SPACE = '[\\s\\u180e\\u200b-\\u200d\\u2060]';
// Cells a spreadsheet may read as a formula: = + - @ after any leading whitespace, or a leading tab or CR.
const FORMULA_START = new RegExp(`^(?:[\\t\\r]|${SPACE}*[=+\\-@])`);
// A `;` followed by one of them: in locales whose list separator is `;`, a spreadsheet may split the
// cell there and start a new cell with a formula.
const FORMULA_AFTER_SEMICOLON = new RegExp(`;(${SPACE}*)(?=[=+\\-@])`, 'g');

/**
 * One CSV cell (RFC 4180), formula-safe: text starting with = + - @ (after any leading whitespace,
 * Unicode spaces included), a tab or a carriage return is prefixed with an apostrophe, as is such a
 * character after a `;`, and such cells are quoted.
 * @example csvCell('=1+1') // "'=1+1"
 */
export function csvCell(value: unknown): string {
  if (value == null) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = "'" + text;
  const afterSemicolon = text.replace(FORMULA_AFTER_SEMICOLON, ";$1'");
  return afterSemicolon !== text || /[",;\r\n]/.test(text) ? '"' + afterSemicolon.replace(/"/g, '""') + '"' : text;
}

/** One CSV line, CRLF-terminated. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + '\r\n';

// @ts-check

/**
 * One CSV cell (RFC 4180). Text starting with = + - @ (or a tab / carriage return) is prefixed with
 * an apostrophe, so a spreadsheet shows it instead of running it as a formula.
 * @param {unknown} value
 */
export function csvCell(value) {
  if (value == null) return '';
  let s = typeof value == 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * One CSV line, CRLF-terminated.
 * @param {unknown[]} cells
 */
export const csvLine = (cells) => cells.map(csvCell).join(',') + '\r\n';

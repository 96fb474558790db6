/**
 * CSV writing, two ways: for a person's spreadsheet (`csvCell`, `csvLine`: formula starts
 * neutralised) and for the database's `COPY … FROM` (`copyCell`, `copyLine`: the text exactly as
 * it is, since a prefixed quote would change the stored value). Both follow RFC 4180.
 */

/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection, OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number (`-12.5`, `+84`, `1e-3`): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * `text` as a spreadsheet should show it: a cell that starts like a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return) gets a leading `'`, which Excel and LibreOffice read as "this is text".
 * A plain number such as `-12.5` is left alone: the spreadsheet reads it as that number.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV cell for a file a person opens: quoted when it holds a comma, quote, line break or
 * edge space; arrays joined with `;`; a number stays a number (`-5` is minus five, not a
 * formula; NaN and ±Infinity are empty); text that would run as a formula is neutralised.
 */
export function csvCell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return quote(neutraliseFormula(cellText(value)));
}

/** One CSV line for a spreadsheet (CRLF-terminated, as RFC 4180 and Excel expect). */
export const csvLine = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;

/** One cell for `COPY … FROM` into the database: the value verbatim (never for a download). */
export function copyCell(value: unknown): string {
  return quote(cellText(value));
}

/** One line for `COPY … FROM` into the database (never for a download). */
export const copyLine = (values: readonly unknown[]) => `${values.map(copyCell).join(',')}\r\n`;

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; arrays joined with `;`. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value)
    ? value.join(';')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect). */
export const csvLine = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;

/**
 * The header of a CSV, read in the browser before the upload so the user can pick the coordinate
 * columns. The guesses follow the server's (apps/api/src/imports/csv-source.ts): lng/lat names
 * are WGS 84 degrees, X/Y names VN-2000 metres (X = northing in the survey convention).
 */
const LNG = /^(lng|lon|long|longitude|kinh_?do|x_?wgs84)$/i;
const LAT = /^(lat|latitude|vi_?do|y_?wgs84)$/i;
const X = /^(x|x_?vn2000|toa_?do_?x|x_?northing|northing)$/i;
const Y = /^(y|y_?vn2000|toa_?do_?y|y_?easting|easting)$/i;

export interface CsvHeader {
  columns: string[];
  /** The guessed coordinate columns, or null when the names say nothing. */
  guess: { x: string; y: string; kind: 'lnglat' | 'xy' } | null;
}

/** Splits one header line on the delimiter it uses most (`,`, `;` or tab), honouring quotes. */
export function parseHeaderLine(line: string): string[] {
  const text = line.replace(/^\uFEFF/, '');
  const delimiter = [',', ';', '\t'].sort((a, b) => text.split(b).length - text.split(a).length)[0] ?? ',';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim()).filter((c) => c !== '');
}

export function guessColumns(columns: readonly string[]): CsvHeader['guess'] {
  const find = (pattern: RegExp) => columns.find((c) => pattern.test(c));
  const lng = find(LNG);
  const lat = find(LAT);
  if (lng && lat) return { x: lng, y: lat, kind: 'lnglat' };
  const x = find(X);
  const y = find(Y);
  // Survey convention: X is the northing, Y the easting.
  if (x && y) return { x: y, y: x, kind: 'xy' };
  return null;
}

/** Reads the first line of `file` (its first 64 KiB). */
export async function readCsvHeader(file: Blob): Promise<CsvHeader> {
  const head = await file.slice(0, 65536).text();
  const columns = parseHeaderLine(head.split(/\r?\n/)[0] ?? '');
  return { columns, guess: guessColumns(columns) };
}

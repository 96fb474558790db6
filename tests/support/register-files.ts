/**
 * The files people send, built in the tests (no binary fixtures): an Excel register (exceljs) with
 * degrees-minutes-seconds coordinates and decimal-comma numbers on its second sheet, a DXF duct
 * drawing in VN-2000 with manhole blocks, and hostile variants of both that are small on the wire.
 */
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';

/** Degrees as `20°51'30.25"N` (seconds to 2 decimals). */
export function dms(degrees: number, letters: 'NS' | 'EW'): string {
  const letter = degrees < 0 ? letters[1] : letters[0];
  const abs = Math.abs(degrees);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = ((abs - d - m / 60) * 3600).toFixed(2);
  return `${d}°${m}'${s}"${letter}`;
}

/** The degrees a DMS text of `dms` names, worked out from its parts (the expected position). */
export function dmsDegrees(text: string): number {
  const m = /^(\d+)°(\d+)'([\d.]+)"([NSEW])$/.exec(text);
  if (!m) throw new Error(`not DMS: ${text}`);
  const value = Number(m[1]) + Number(m[2]) / 60 + Number(m[3]) / 3600;
  return m[4] === 'S' || m[4] === 'W' ? -value : value;
}

export interface RegisterRow {
  code: string;
  /** `[lng, lat]` WGS 84 degrees, written as DMS text. */
  lngLat: [number, number];
  covers: number;
  /** Written as text with a decimal comma ("1,5"). */
  depthM: number;
  surveyed: Date;
}

/**
 * A two-sheet register: the first sheet, "Cột điện" (poles, one row, decimal degrees), is the
 * default, so the test must choose the second; "Hố ga" holds `rows` with DMS coordinates (lat "Vĩ độ", lng "Kinh độ" as text), depth
 * as text with a decimal comma and the survey date as an Excel date.
 */
export async function registerWorkbook(rows: readonly RegisterRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const poles = book.addWorksheet('Cột điện');
  poles.addRow(['Mã', 'Kinh độ', 'Vĩ độ']);
  poles.addRow(['COT-01', 106.68, 20.85]);
  const sheet = book.addWorksheet('Hố ga');
  sheet.addRow(['Mã', 'Vĩ độ', 'Kinh độ', 'Loại', 'Số nắp', 'Độ sâu (m)', 'Ngày khảo sát']);
  for (const row of rows)
    sheet.addRow([
      row.code,
      dms(row.lngLat[1], 'NS'),
      dms(row.lngLat[0], 'EW'),
      'manhole',
      row.covers,
      String(row.depthM).replace('.', ','),
      row.surveyed,
    ]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A DXF text from group code / value pairs. */
const dxfText = (pairs: readonly (string | number)[]) => `${pairs.join('\n')}\n`;

export interface DuctDrawing {
  /** The duct's vertices `[easting, northing]` in VN-2000 metres (layer ONG_CONG). */
  duct: [number, number][];
  /** Manholes: code (attribute MA) and insertion point `[easting, northing]` (layer HO_GA). */
  manholes: { code: string; at: [number, number] }[];
}

/** A DXF (R12-style ASCII) of a duct polyline on ONG_CONG, manhole blocks on HO_GA and a note. */
export function ductDrawing(drawing: DuctDrawing): string {
  const pairs: (string | number)[] = [0, 'SECTION', 2, 'HEADER', 9, '$INSUNITS', 70, 6, 0, 'ENDSEC'];
  pairs.push(0, 'SECTION', 2, 'BLOCKS');
  pairs.push(0, 'BLOCK', 8, '0', 2, 'HO_GA', 70, 2, 10, 0, 20, 0);
  pairs.push(0, 'CIRCLE', 8, '0', 10, 0, 20, 0, 40, 0.6);
  pairs.push(0, 'ATTDEF', 8, '0', 10, 0, 20, 0, 40, 0.5, 1, '', 3, 'Mã hố ga', 2, 'MA', 70, 0);
  pairs.push(0, 'ENDBLK', 8, '0', 0, 'ENDSEC');
  pairs.push(0, 'SECTION', 2, 'ENTITIES');
  pairs.push(0, 'LWPOLYLINE', 8, 'ONG_CONG', 90, drawing.duct.length, 70, 0);
  for (const [x, y] of drawing.duct) pairs.push(10, x, 20, y);
  for (const m of drawing.manholes) {
    pairs.push(0, 'INSERT', 8, 'HO_GA', 66, 1, 2, 'HO_GA', 10, m.at[0], 20, m.at[1]);
    pairs.push(0, 'ATTRIB', 8, 'HO_GA', 10, m.at[0], 20, m.at[1], 40, 0.5, 1, m.code, 2, 'MA', 70, 0);
    pairs.push(0, 'SEQEND', 8, 'HO_GA');
  }
  pairs.push(
    0,
    'TEXT',
    8,
    'GHI_CHU',
    10,
    drawing.duct[0]?.[0] ?? 0,
    20,
    drawing.duct[0]?.[1] ?? 0,
    40,
    1,
    1,
    'Tuyến cống',
  );
  pairs.push(0, 'ENDSEC', 0, 'EOF');
  return dxfText(pairs);
}

/** A DXF whose `depth` blocks each insert the next: a naive block expander recurses `depth` deep. */
export function nestedBlocksDxf(depth: number): string {
  const pairs: (string | number)[] = [0, 'SECTION', 2, 'BLOCKS'];
  for (let i = 0; i < depth; i++)
    pairs.push(
      0,
      'BLOCK',
      2,
      `B${i}`,
      10,
      0,
      20,
      0,
      0,
      'INSERT',
      8,
      '0',
      2,
      `B${i + 1}`,
      10,
      1,
      20,
      1,
      0,
      'ENDBLK',
    );
  pairs.push(
    0,
    'ENDSEC',
    0,
    'SECTION',
    2,
    'ENTITIES',
    0,
    'INSERT',
    8,
    'HO_GA',
    2,
    'B0',
    10,
    594000,
    20,
    2308000,
  );
  pairs.push(0, 'ENDSEC', 0, 'EOF');
  return dxfText(pairs);
}

/** A DXF of `count` bare POINT entities (8 bytes each: a million is 8 MB on the wire). */
export function manyEntitiesDxf(count: number): string {
  return `0\nSECTION\n2\nENTITIES\n${'0\nPOINT\n'.repeat(count)}0\nENDSEC\n0\nEOF\n`;
}

const xml = (text: string) => new TextEncoder().encode(text);
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** A workbook zip whose sheet XML is `sheetXml` (enough for the guard, which runs before exceljs). */
function bareWorkbook(sheetXml: Uint8Array): Uint8Array {
  return zipSync(
    { '[Content_Types].xml': xml(CONTENT_TYPES), 'xl/worksheets/sheet1.xml': sheetXml },
    { level: 9 },
  );
}

/** An .xlsx whose one sheet inflates to `bytes` bytes of blanks (a few KB packed): a zip bomb. */
export function xlsxBomb(bytes: number): Uint8Array {
  const sheet = new Uint8Array(bytes).fill(0x20);
  sheet.set(xml('<worksheet><sheetData>'), 0);
  return bareWorkbook(sheet);
}

/** An .xlsx whose first row has `columns` cells. */
export function wideXlsx(columns: number): Uint8Array {
  const letters = (n: number) => {
    let s = '';
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  const cells = Array.from({ length: columns }, (_, i) => `<c r="${letters(i + 1)}1"><v>1</v></c>`).join('');
  return bareWorkbook(xml(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`));
}

/** A real .xlsx (exceljs) with one cell of `chars` characters under a normal header. */
export async function hugeCellXlsx(chars: number): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['code', 'lng', 'lat', 'note']);
  sheet.addRow(['HG-1', 106.68, 20.85, 'x'.repeat(chars)]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

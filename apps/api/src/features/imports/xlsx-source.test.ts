import { defaultParseLimits } from '@hatang/geo/formats';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellValue, readXlsx, rowGeometry } from './xlsx-source.js';

async function book(rows: unknown[][], name = 'Sheet1'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('Excel cells', () => {
  it('keeps numbers, trims text, turns dates into ISO dates and formulas into their result', () => {
    expect(cellValue(12.5)).toBe(12.5);
    expect(cellValue('  Lạch Tray ')).toBe('Lạch Tray');
    expect(cellValue(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(cellValue({ formula: 'A1*2', result: 4 })).toBe(4);
    expect(cellValue({ richText: [{ text: 'Hố ' }, { text: 'ga' }] })).toBe('Hố ga');
    expect(cellValue({ error: '#N/A' })).toBeNull();
  });

  it('reads DMS cells in either column order by their hemisphere letters', () => {
    const columns = { x: 'a', y: 'b', degrees: true };
    expect(rowGeometry({ a: `20°51'0"N`, b: `106°41'0"E` }, columns).geometry).toEqual({
      type: 'Point',
      coordinates: [106 + 41 / 60, 20 + 51 / 60],
    });
    expect(rowGeometry({ a: 106.5, b: '20,85' }, columns).geometry).toEqual({
      type: 'Point',
      coordinates: [106.5, 20.85],
    });
    expect(rowGeometry({ a: 'x', b: 20 }, columns).error).toMatch(/must be degrees/);
  });
});

describe('readXlsx', () => {
  it('guesses VN-2000 X/Y columns and reads numbers written with a decimal comma', async () => {
    const bytes = await book([
      ['Mã', 'X', 'Y'],
      ['HG-1', '2307123,45', 594321.5],
    ]);
    const read = await readXlsx(bytes, defaultParseLimits, undefined, undefined);
    expect(read.coordinates).toEqual({ x: 'X', y: 'Y', degrees: false });
    expect(read.detectedCrs).toBeUndefined();
    // X is the northing: the geometry is [easting, northing].
    expect(read.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [594321.5, 2307123.45] });
  });

  it('finds DMS columns by their values when the header names nothing it knows', async () => {
    const bytes = await book([
      ['Tên', 'Điểm A', 'Điểm B'],
      ['Cột 1', `106°41'12"E`, `20°51'30.2"N`],
    ]);
    const read = await readXlsx(bytes, defaultParseLimits, undefined, undefined);
    expect(read.coordinates).toEqual({ x: 'Điểm A', y: 'Điểm B', degrees: true });
    expect(read.detectedCrs).toBe('EPSG:4326');
  });

  it('names a sheet that is not there, with the sheets that are', async () => {
    const bytes = await book([['lng', 'lat']], 'Trang 1');
    await expect(readXlsx(bytes, defaultParseLimits, 'Trang 9', undefined)).rejects.toThrow(/Trang 1/);
  });
});

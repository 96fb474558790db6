import { describe, expect, it } from 'vitest';
import { CsvTable, csvField, csvRow, ewktLineString, ewktMultiPolygon, ewktPoint, pgArray } from './csv.js';

describe('CSV for COPY', () => {
  it('quotes only what needs quoting and writes NULL as an empty field', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
    expect(() => csvField(Number.NaN)).toThrow();
    expect(csvRow(['x', null, 3, '{4G,5G}'])).toBe('x,,3,"{4G,5G}"');
  });

  it('writes EWKT with 6-decimal coordinates', () => {
    expect(ewktPoint([106.6881234567, 20.8512])).toBe('SRID=4326;POINT(106.688123 20.8512)');
    expect(
      ewktLineString([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('SRID=4326;LINESTRING(1 2,3 4)');
    expect(() => ewktLineString([[1, 2]])).toThrow();
    expect(
      ewktMultiPolygon([
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      ]),
    ).toBe('SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))');
  });

  it('writes array literals of simple tokens', () => {
    expect(pgArray(['4G', '5G'])).toBe('{4G,5G}');
    expect(pgArray([])).toBe('{}');
    expect(() => pgArray(['a b'])).toThrow();
  });

  it('builds a table and checks the column count', () => {
    const t = new CsvTable('t', ['a', 'b']);
    t.add([1, 'x']);
    expect(() => t.add([1])).toThrow();
    expect(t.build()).toEqual({ table: 't', columns: ['a', 'b'], rowCount: 1, csv: '1,x\n' });
  });
});

import { describe, expect, it } from 'vitest';
import { ParseBudget } from './budget.js';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { fromWkt, toWkt } from './wkt.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });

describe('fromWkt', () => {
  it.each([
    ['POINT(106.68 20.86)', { type: 'Point', coordinates: [106.68, 20.86] }],
    ['  point z ( 106.68   20.86 5 ) ', { type: 'Point', coordinates: [106.68, 20.86] }],
    [
      'SRID=4326;LINESTRING(1 2, 3 4)',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    [
      'LINESTRING ZM (1 2 3 4,5 6 7 8)',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [5, 6],
        ],
      },
    ],
    [
      'MULTIPOINT(1 2, -3.5e1 4)',
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [-35, 4],
        ],
      },
    ],
    [
      'POLYGON((0 0, 1 0, 1 1, 0 0))',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))',
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [5, 5],
              [6, 5],
              [6, 6],
              [5, 5],
            ],
          ],
        ],
      },
    ],
    [
      'MULTILINESTRING((1 2,3 4),\n(5 6,7 8))',
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
      },
    ],
  ])('reads %s', (text, geometry) => {
    expect(fromWkt(text)).toEqual(geometry);
  });

  it('reads what toWkt writes', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [106.1, 20.1],
          [106.2, 20.1],
          [106.2, 20.2],
          [106.1, 20.1],
        ],
      ],
    };
    expect(fromWkt(toWkt(polygon))).toEqual(polygon);
  });

  it.each([
    'POINT(1)',
    'POINT 1 2',
    'CIRCLE(1 2)',
    'POINT(1 2',
    'POINT(1 2) x',
    'POINT(1 2 , )',
    'POINT EMPTY',
    'LINESTRING(1 2; 3 4)',
    'POINT(1..2 3)',
    '',
  ])('refuses %j with a message', (text) => {
    expect(() => fromWkt(text)).toThrow(/^not readable as WKT/);
  });

  it.each([
    ['a run of digits', `POINT(${'1'.repeat(150_000)})`],
    ['a run of minus signs', `POINT(${'-'.repeat(150_000)})`],
    ['leading spaces', `${' '.repeat(150_000)}(`],
    ['spaces after the type', `POINT${' '.repeat(150_000)}x`],
  ])('refuses the crafted cells that were quadratic (%s) with a message', (_, text) => {
    expect(() => fromWkt(text)).toThrow(/^not readable as WKT/);
  });

  it('refuses a 1 MB cell before reading it, naming the limit', () => {
    const text = `LINESTRING(${'106.123456 20.123456, '.repeat(50_000)}106 20)`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const error = (() => {
      try {
        fromWkt(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LimitError);
    expect((error as Error).message).toBe(
      `A text (a WKT cell) has ${text.length.toLocaleString('en-US')} characters, more than the limit of 200,000 (maxCellChars).`,
    );
  });

  it('reads a 1 MB cell of 50 000 vertices when the limit allows it', () => {
    const text = `LINESTRING(${'106.123456 20.123456, '.repeat(50_000)}106 20)`;
    const geometry = fromWkt(text, limits({ maxCellChars: 2_000_000 }));
    expect((geometry.coordinates as unknown[]).length).toBe(50_001);
  });

  it('refuses more vertices than maxVerticesPerFeature', () => {
    expect(() => fromWkt('LINESTRING(1 2, 3 4, 5 6)', limits({ maxVerticesPerFeature: 2 }))).toThrow(
      expect.objectContaining({ limit: 'maxVerticesPerFeature', value: 2 }),
    );
  });

  it('counts vertices over the rows of a file when given a budget', () => {
    const budget = new ParseBudget(limits({ maxVertices: 3 }), 'CSV');
    budget.feature();
    fromWkt('LINESTRING(1 2, 3 4)', budget);
    budget.feature();
    expect(() => fromWkt('LINESTRING(1 2, 3 4)', budget)).toThrow(
      expect.objectContaining({ limit: 'maxVertices' }),
    );
  });

  it('refuses parentheses nested deeper than maxDepth', () => {
    const deep = `POLYGON${'('.repeat(10_000)}1 2${')'.repeat(10_000)}`;
    expect(() => fromWkt(deep)).toThrow(expect.objectContaining({ limit: 'maxDepth' }));
    expect(() => fromWkt('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))', limits({ maxDepth: 2 }))).toThrow(/maxDepth/);
  });
});

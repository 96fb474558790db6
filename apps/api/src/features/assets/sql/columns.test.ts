import { civilWorks, towers, trenchesTunnels } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { columnsOf, snakeCase, toPgTextArray } from './columns.js';

describe('columns derived from the contracts', () => {
  it('maps camelCase properties to the snake_case columns of the migrations', () => {
    expect(snakeCase('antennaSlotsTotal')).toBe('antenna_slots_total');
    expect(snakeCase('areaKm2')).toBe('area_km2');
    expect(columnsOf(towers).map((c) => c.name)).toContain('building_height_m');
  });

  it('knows which columns are arrays and dates', () => {
    const kind = (columns: ReturnType<typeof columnsOf>, property: string) =>
      columns.find((c) => c.property === property)?.kind;
    expect(kind(columnsOf(trenchesTunnels), 'sharedWith')).toBe('text_array');
    expect(kind(columnsOf(civilWorks), 'startsOn')).toBe('date');
    expect(kind(columnsOf(towers), 'heightM')).toBe('plain');
  });

  it('quotes array literals so commas, quotes and backslashes survive', () => {
    expect(toPgTextArray(['a', 'b,c', 'd"e', 'f\\g'])).toBe('{"a","b,c","d\\"e","f\\\\g"}');
    expect(toPgTextArray([])).toBe('{}');
  });
});

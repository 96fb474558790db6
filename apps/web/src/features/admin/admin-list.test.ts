import { describe, expect, it } from 'vitest';
import { matchesFilter } from './admin-list';

describe('matchesFilter', () => {
  it('keeps everything for an empty or blank filter', () => {
    expect(matchesFilter('', ['a'])).toBe(true);
    expect(matchesFilter('   ', [])).toBe(true);
  });
  it('finds the text in any field, whatever its case, with Vietnamese letters', () => {
    expect(matchesFilter('NAM SÁCH', ['UBND-10606', 'UBND xã Nam Sách'])).toBe(true);
    expect(matchesFilter('ubnd-106', ['UBND-10606'])).toBe(true);
  });
  it('does not match across two fields', () => {
    expect(matchesFilter('ab', ['a', 'b'])).toBe(false);
  });
  it('drops a record that has none of it', () => {
    expect(matchesFilter('biển', ['Sông Telecom', 'OP-SONG'])).toBe(false);
  });
});

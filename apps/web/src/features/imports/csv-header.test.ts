import { describe, expect, it } from 'vitest';
import { guessColumns, parseHeaderLine } from './csv-header';

describe('CSV header in the browser', () => {
  it('splits on the delimiter the line uses, with quotes and a BOM', () => {
    expect(parseHeaderLine('\uFEFFMA;"TEN; DAY";X;Y')).toEqual(['MA', 'TEN; DAY', 'X', 'Y']);
    expect(parseHeaderLine('code,lng,lat')).toEqual(['code', 'lng', 'lat']);
    expect(parseHeaderLine('a\tb')).toEqual(['a', 'b']);
  });

  it('guesses degrees from lng/lat names and VN-2000 metres from X/Y (X = northing)', () => {
    expect(guessColumns(['code', 'kinh_do', 'vi_do'])).toEqual({ x: 'kinh_do', y: 'vi_do', kind: 'lnglat' });
    expect(guessColumns(['code', 'X', 'Y'])).toEqual({ x: 'Y', y: 'X', kind: 'xy' });
    expect(guessColumns(['code', 'DONG', 'BAC'])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { toVn2000, vn2000Label } from './crs.js';
import { haversineM } from './distance.js';
import { parseAngle, parseCoordinates } from './parse-coordinates.js';

/** Hai Phong Opera House, approximately: 20°51'25.9"N 106°40'57.4"E. */
const OPERA: [number, number] = [106.6826, 20.8572];

describe('parseCoordinates', () => {
  it('reads decimal degrees latitude first or longitude first, decided by range', () => {
    for (const text of [
      '20.8572, 106.6826',
      '106.6826, 20.8572',
      '20.8572 106.6826',
      '  106.6826;20.8572 ',
    ]) {
      expect(parseCoordinates(text), text).toEqual({ format: 'decimal', lngLat: OPERA });
    }
  });

  it('reads decimal commas and labelled pairs', () => {
    expect(parseCoordinates('20,8572 106,6826')?.lngLat).toEqual(OPERA);
    expect(parseCoordinates('lat 20.8572, lng 106.6826')?.lngLat).toEqual(OPERA);
  });

  it('reads degrees, minutes and seconds with hemispheres before, after or not at all', () => {
    // 20°50'41.6" = 20 + 50/60 + 41.6/3600 = 20.844889; 106°41'17.2" = 106.688111.
    const expected: [number, number] = [106.688111, 20.844889];
    for (const text of [
      `20°50'41.6"N 106°41'17.2"E`,
      `106°41'17.2"E, 20°50'41.6"N`,
      `N20°50'41.6" E106°41'17.2"`,
      '20°50′41.6″ 106°41′17.2″',
      `20° 50' 41,6" N; 106° 41' 17,2" E`,
    ]) {
      const parsed = parseCoordinates(text);
      expect(parsed?.format, text).toBe('dms');
      expect(parsed?.lngLat[0]).toBeCloseTo(expected[0], 6);
      expect(parsed?.lngLat[1]).toBeCloseTo(expected[1], 6);
    }
  });

  it('reads VN-2000 X (northing) and Y (easting) in either order, back to within a centimetre', () => {
    const { X, Y } = vn2000Label(toVn2000(OPERA, 'EPSG:9210'));
    expect(X).toBeGreaterThan(2_300_000);
    expect(Y).toBeGreaterThan(500_000);
    for (const text of [
      `X ${X.toFixed(2)} Y ${Y.toFixed(2)}`,
      `${Y.toFixed(2)}, ${X.toFixed(2)}`,
      `X=${X} Y=${Y}`,
    ]) {
      const parsed = parseCoordinates(text);
      expect(parsed?.format, text).toBe('vn2000');
      expect(haversineM(parsed?.lngLat ?? [0, 0], OPERA)).toBeLessThan(0.01);
      expect(parsed?.vn2000?.X).toBeCloseTo(X, 1);
    }
  });

  it('leaves codes, names and positions far from Hai Phong to the text search', () => {
    for (const text of [
      'HP-BTS-0012',
      'Lê Chân',
      '12/2026/GPXD',
      '48.85, 2.35',
      '2026 2027',
      `91°00'00"N 106°00'00"E`,
      `20°75'00"N 106°00'00"E`,
      '',
    ]) {
      expect(parseCoordinates(text), text).toBeNull();
    }
  });
});

describe('parseAngle (one register cell)', () => {
  const close = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 9);
  it('reads degrees, minutes and seconds with ASCII or typographic marks and the letter after', () => {
    close(parseAngle(`20°51'30.2"N`)?.degrees, 20 + 51 / 60 + 30.2 / 3600);
    close(parseAngle('106° 41′ 12″ E')?.degrees, 106 + 41 / 60 + 12 / 3600);
    expect(parseAngle(`20°51'30.2"N`)?.hemisphere).toBe('N');
  });
  it('reads the letter before the angle, decimal commas in seconds, and degrees alone', () => {
    close(parseAngle(`N 20°51'30,5"`)?.degrees, 20 + 51 / 60 + 30.5 / 3600);
    close(parseAngle('106°')?.degrees, 106);
  });
  it('makes south and west negative', () => {
    close(parseAngle(`33°52'0"S`)?.degrees, -(33 + 52 / 60));
    close(parseAngle(`W 1°30'`)?.degrees, -1.5);
  });
  it('reads plain decimal degrees, also with a decimal comma', () => {
    expect(parseAngle('20.8584')).toEqual({ degrees: 20.8584 });
    expect(parseAngle('106,6867')).toEqual({ degrees: 106.6867 });
  });
  it('refuses text that is not one angle: minutes past 60, two letters, words, two angles', () => {
    expect(parseAngle(`20°75'0"N`)).toBeNull();
    expect(parseAngle(`N20°51'E`)).toBeNull();
    expect(parseAngle('Cột số 5')).toBeNull();
    expect(parseAngle(`20°51'N 106°41'E`)).toBeNull();
    expect(parseAngle('')).toBeNull();
  });
});

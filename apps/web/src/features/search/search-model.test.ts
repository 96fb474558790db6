import type { SearchResult } from '@hatang/contracts';
import { parseCoordinates } from '@hatang/geo/coordinates';
import { describe, expect, it } from 'vitest';
import { moveActive, searchGroups } from './search-model';

const at: [number, number] = [106.68, 20.85];
const tower: SearchResult = {
  kind: 'asset',
  id: '00000000-0000-4000-8000-000000000001',
  label: 'OP-SONG-BTS-0001',
  sublabel: 'Lê Chân',
  point: at,
  bbox: null,
  open: { kind: 'asset', resource: 'towers', id: '00000000-0000-4000-8000-000000000001' },
};
const ward: SearchResult = {
  kind: 'admin_unit',
  id: '11311',
  label: 'Phường Lê Chân',
  sublabel: 'Lê Chân',
  point: at,
  bbox: [106.6, 20.8, 106.7, 20.9],
  open: { kind: 'admin_unit', code: '11311', unitType: 'ward' },
};

describe('searchGroups', () => {
  it('puts a typed coordinate first, then the kinds in the order of their best result, labelled in the UI language', () => {
    const groups = searchGroups(parseCoordinates('20.85, 106.68'), [ward, tower], 'vi');
    expect(groups.map((g) => g.id)).toEqual(['coordinate', 'admin_unit', 'asset']);
    expect(groups.map((g) => g.title)).toEqual(['Tọa độ', 'Xã, phường, đặc khu', 'Hạ tầng']);
    expect(groups[2]?.options[0]).toMatchObject({
      label: 'OP-SONG-BTS-0001',
      detail: 'Trạm BTS / cột ăng-ten · Lê Chân',
    });
    expect(groups[1]?.options[0]?.detail).toBe('Phường · Lê Chân');
    const en = searchGroups(null, [ward], 'en');
    expect(en[0]).toMatchObject({ title: 'Communes and wards', options: [{ detail: 'Ward · Lê Chân' }] });
  });

  it('describes a VN-2000 coordinate with the X and Y read, in vi-VN numbers', () => {
    const [group] = searchGroups(parseCoordinates('X 2308000 Y 594000'), [], 'vi');
    expect(group?.options[0]?.detail).toBe('VN-2000 múi 105°45′ (X 2.308.000, Y 594.000)');
  });
});

describe('moveActive', () => {
  it('wraps around both ways and starts from the first or the last option', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(-1, 0, 1)).toBe(-1);
  });
});

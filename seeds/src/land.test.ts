import { describe, expect, it } from 'vitest';
import { loadAdminUnits } from './admin-units.js';
import { Land } from './land.js';

const units = loadAdminUnits();
const land = new Land(units);

describe('admin units', () => {
  it('joins the 114 units: 45 wards, 67 communes, 2 special zones, 4,692,669 people', () => {
    expect(units).toHaveLength(114);
    const byType = (t: string) => units.filter((u) => u.unitType === t).length;
    expect([byType('ward'), byType('commune'), byType('special_zone')]).toEqual([45, 67, 2]);
    expect(units.reduce((s, u) => s + u.population, 0)).toBe(4_692_669);
    for (const u of units) expect(u.polygons.length).toBeGreaterThan(0);
  });
});

describe('Land', () => {
  it('puts every published label point in its own unit', () => {
    for (const u of units) expect(land.unitAt(u.label[0], u.label[1])).toBe(u.index);
  });

  it('knows land from sea', () => {
    expect(land.isLand([106.683, 20.855])).toBe(true); // central Hai Phong
    expect(land.isLand([106.32, 20.94])).toBe(true); // TP Hải Dương
    expect(land.isLand([107.2, 20.5])).toBe(false); // Gulf of Tonkin
    expect(land.isLand([105.0, 20.9])).toBe(false); // outside the city, west
  });

  it('rejects segments that cross the sea', () => {
    const doSon: [number, number] = [106.778, 20.7133];
    const catBa: [number, number] = [107.03, 20.73];
    expect(land.isLand(doSon)).toBe(true);
    expect(land.segmentOnLand(doSon, [106.78, 20.715])).toBe(true);
    expect(land.segmentOnLand(doSon, catBa)).toBe(false);
  });
});

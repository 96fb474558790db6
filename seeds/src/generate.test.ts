import { describe, expect, it } from 'vitest';
import { generateDemoData } from './generate.js';
import { SEED_TABLES } from './load.js';

describe('generateDemoData', () => {
  it('is deterministic: the same seed gives byte-identical CSV, another seed differs', async () => {
    const a = await generateDemoData({ seed: 7 });
    const b = await generateDemoData({ seed: 7 });
    expect(a.map((t) => t.table)).toEqual([...SEED_TABLES]);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]!.csv === b[i]!.csv, a[i]!.table).toBe(true);
    }
    const c = await generateDemoData({ seed: 8 });
    const towers = (tables: typeof a) => tables.find((t) => t.table === 'towers')!.csv;
    expect(towers(c) === towers(a)).toBe(false);
    // Real data does not depend on the seed.
    expect(c[0]!.csv === a[0]!.csv).toBe(true);
  });

  it('hits the target volumes', async () => {
    const tables = await generateDemoData();
    const count = (name: string) => tables.find((t) => t.table === name)!.rowCount;
    expect(count('admin_units')).toBe(114);
    expect(count('towers')).toBeGreaterThanOrEqual(5500);
    expect(count('towers')).toBeLessThanOrEqual(6500);
    expect(count('poles')).toBeGreaterThanOrEqual(35_000);
    expect(count('poles')).toBeLessThanOrEqual(45_000);
    expect(count('landing_stations')).toBe(2);
    expect(count('submarine_cables')).toBe(2);
    for (const name of SEED_TABLES) expect(count(name), name).toBeGreaterThan(0);
  });

  it('has a commune centre in each of the 114 units, cultural houses, seaports and 20–40 site offers', async () => {
    const tables = await generateDemoData();
    const rows = (name: string) =>
      tables
        .find((t) => t.table === name)!
        .csv.trim()
        .split('\n');
    const categories = new Map<string, number>();
    for (const row of rows('key_sites')) {
      const category = row.split(',')[1]!;
      categories.set(category, (categories.get(category) ?? 0) + 1);
    }
    expect(categories.get('commune_centre')).toBe(114);
    // 2–4 per commune or special zone (69 of them).
    expect(categories.get('cultural_house')).toBeGreaterThanOrEqual(2 * 69);
    expect(categories.get('cultural_house')).toBeLessThanOrEqual(4 * 69);
    // Of the file's three WPI ports only Hai Phong lies in the city (Hòn Gai, Cẩm Phả: Quảng Ninh).
    expect(categories.get('seaport')).toBe(1);
    expect(categories.get('school')).toBeGreaterThanOrEqual(114);
    expect(categories.get('industrial_park')).toBe(5);
    expect(categories.get('hospital')).toBeGreaterThan(0);
    // Plan 317's 5G key areas: 8 road corridors (the longest primary roads), the railway, and the rest.
    expect(categories.get('road_corridor')).toBe(8);
    expect(categories.get('rail_corridor')).toBe(1);
    for (const category of ['transport_hub', 'hotel', 'heritage_site', 'college_university'])
      expect(categories.get(category), category).toBeGreaterThan(0);
    const offers = rows('site_offers').length;
    expect(offers).toBeGreaterThanOrEqual(20);
    expect(offers).toBeLessThanOrEqual(40);
  });
});

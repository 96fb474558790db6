/**
 * The key sites register (Plan 317's broadband, 5G and WiFi targets are counted on them). Real:
 * the seaports of the public-domain key sites file that lie in Hai Phong (NGA World Port Index).
 * Synthetic, labelled "(demo)" in their source: a commune centre at the published label point of
 * every one of the 114 units, village cultural houses in populated cells of every commune and
 * special zone, schools in every unit, hospitals and state agencies in a share of the wards, and
 * a few industrial parks as polygons on land. Plan 317's 5G key areas (transport hubs, corridors,
 * hotels, heritage sites, colleges) are plan-key-sites.ts'.
 * legal: plan-317-2025-kh-ubnd
 */
import { readFileSync } from 'node:fs';
import { type AdminUnit, DATA_DIR } from './admin-units.js';
import { CsvTable, coord, ewktLineString, ewktPoint, type LngLat, type TableCsv } from './csv.js';
import { type Point, round6, shiftM } from './geometry.js';
import type { Land } from './land.js';
import { CULTURAL_HOUSE_PREFIXES } from './names.js';
import type { PopulationGrid } from './population.js';
import type { Rng } from './random.js';

export type KeySiteCategory =
  | 'seaport'
  | 'industrial_park'
  | 'school'
  | 'hospital'
  | 'state_agency'
  | 'commune_centre'
  | 'cultural_house'
  | 'transport_hub'
  | 'road_corridor'
  | 'rail_corridor'
  | 'hotel'
  | 'heritage_site'
  | 'college_university';

export interface KeySite {
  id: string;
  category: KeySiteCategory;
  name: string;
  unitCode: string | null;
  source: string;
  /** A point, a polygon's closed exterior ring, or a corridor's line. */
  point?: Point;
  ring?: Point[];
  line?: readonly Point[];
}

const SYNTHETIC = 'demo (synthetic, Hatang seed)';

/** EWKT of a one-ring polygon. */
export function ewktPolygon(ring: readonly LngLat[]): string {
  return `SRID=4326;POLYGON((${ring.map((p) => `${coord(p[0])} ${coord(p[1])}`).join(',')}))`;
}

const where = (unit: AdminUnit) =>
  `${unit.unitType === 'ward' ? 'phường' : unit.unitType === 'commune' ? 'xã' : 'đặc khu'} ${unit.name}`;

/** A populated cell of the unit on land, or the unit's label point. */
export function populatedPoint(unit: AdminUnit, land: Land, grid: PopulationGrid, rng: Rng): Point {
  const start = grid.unitStart[unit.index]!;
  const end = grid.unitStart[unit.index + 1]!;
  for (let attempt = 0; attempt < 12 && end > start; attempt++) {
    const cell = rng.int(start, end - 1);
    if (grid.population[cell] === 0) continue;
    const p = round6(shiftM([grid.lng[cell]!, grid.lat[cell]!], rng.range(-40, 40), rng.range(-40, 40)));
    if (land.unitAt(p[0], p[1]) === unit.index) return p;
  }
  return round6(unit.label);
}

function seaports(land: Land, units: readonly AdminUnit[], rng: Rng): KeySite[] {
  const file = JSON.parse(readFileSync(`${DATA_DIR}/hai-phong-key-sites-public-domain.geojson`, 'utf8')) as {
    features: {
      properties: { category: string; label: string; in_hai_phong: boolean; source: string };
      geometry: { type: string; coordinates: [number, number] };
    }[];
  };
  return file.features
    .filter(
      (f) => f.properties.category === 'seaport' && f.properties.in_hai_phong && f.geometry.type === 'Point',
    )
    .map((f) => {
      const point = round6(f.geometry.coordinates);
      const unit = land.unitAt(point[0], point[1]);
      return {
        id: rng.uuid(),
        category: 'seaport' as const,
        name: `Cảng ${f.properties.label}`,
        unitCode: unit >= 0 ? units[unit]!.code : null,
        source: f.properties.source,
        point,
      };
    });
}

export function buildKeySites(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  rng: Rng,
): KeySite[] {
  const out: KeySite[] = seaports(land, units, rng);
  const add = (unit: AdminUnit, category: KeySiteCategory, name: string, point: Point) =>
    out.push({ id: rng.uuid(), category, name, unitCode: unit.code, source: SYNTHETIC, point });
  for (const unit of units) {
    const centre =
      land.unitAt(unit.label[0], unit.label[1]) === unit.index
        ? round6(unit.label)
        : populatedPoint(unit, land, grid, rng);
    add(unit, 'commune_centre', `Trung tâm hành chính ${where(unit)}`, centre);
    if (unit.unitType !== 'ward') {
      const houses = rng.int(2, 4);
      for (let h = 1; h <= houses; h++) {
        add(
          unit,
          'cultural_house',
          `${rng.pick(CULTURAL_HOUSE_PREFIXES)} ${h}, ${where(unit)}`,
          populatedPoint(unit, land, grid, rng),
        );
      }
    }
    const schools = unit.population > 40_000 ? 3 : unit.population > 15_000 ? 2 : 1;
    const levels = ['Trường Tiểu học', 'Trường THCS', 'Trường THPT'];
    for (let s = 0; s < schools; s++) {
      add(unit, 'school', `${levels[s]} ${unit.name} (demo)`, populatedPoint(unit, land, grid, rng));
    }
    if (unit.unitType === 'ward' && rng.chance(0.3)) {
      add(unit, 'hospital', `Bệnh viện đa khoa ${unit.name} (demo)`, populatedPoint(unit, land, grid, rng));
    }
    if (unit.unitType === 'ward' && rng.chance(0.2)) {
      add(
        unit,
        'state_agency',
        `Trụ sở cơ quan nhà nước ${unit.name} (demo)`,
        populatedPoint(unit, land, grid, rng),
      );
    }
  }
  // Industrial parks: 600 m × 400 m on land in communes with room, a few across the city.
  const candidates = units.filter((u) => u.unitType === 'commune');
  let parks = 0;
  for (const unit of rng.shuffle([...candidates])) {
    if (parks >= 5) break;
    const centre = populatedPoint(unit, land, grid, rng);
    const ring: Point[] = [
      shiftM(centre, -300, -200),
      shiftM(centre, 300, -200),
      shiftM(centre, 300, 200),
      shiftM(centre, -300, 200),
    ].map(round6);
    if (!ring.every((p) => land.unitAt(p[0], p[1]) === unit.index)) continue;
    parks++;
    out.push({
      id: rng.uuid(),
      category: 'industrial_park',
      name: `Khu công nghiệp ${unit.name} (demo)`,
      unitCode: unit.code,
      source: SYNTHETIC,
      ring: [...ring, ring[0]!],
    });
  }
  return out;
}

export function keySitesCsv(sites: readonly KeySite[]): TableCsv {
  const table = new CsvTable('key_sites', ['id', 'category', 'name', 'admin_unit_code', 'source', 'geom']);
  for (const s of sites) {
    const geom = s.line ? ewktLineString(s.line) : s.ring ? ewktPolygon(s.ring) : ewktPoint(s.point!);
    table.add([s.id, s.category, s.name, s.unitCode, s.source, geom]);
  }
  return table.build();
}

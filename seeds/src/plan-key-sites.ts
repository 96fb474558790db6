/**
 * The key sites Plan 317 section III.1 names for 5G beyond the broadband list: transport hubs,
 * road and rail corridors (lines), hotels, heritage sites, colleges and universities.
 * Real: the named ferry terminals in the city (OpenStreetMap, ODbL, data/README.md) and Cát Bi
 * airport's runway rectangle (OurAirports, public domain; the rectangle derived from its
 * centreline). Synthetic, labelled "(demo)" or "approximate" and with a "demo (synthetic" source:
 * road corridors along the longest demo primary roads, the Hà Nội – Hải Phòng railway as a
 * polyline through its stations' approximate positions, and hotels, heritage sites, colleges,
 * a bus station and the railway station.
 * legal: plan-317-2025-kh-ubnd
 */
import { readFileSync } from 'node:fs';
import { type AdminUnit, DATA_DIR } from './admin-units.js';
import { type Point, round6 } from './geometry.js';
import type { KeySite } from './key-sites.js';
import type { Land } from './land.js';
import type { PopulationGrid } from './population.js';
import type { Rng } from './random.js';
import type { Street } from './streets.js';

const SYNTHETIC = 'demo (synthetic, Hatang seed)';
const OSM_FERRY =
  'OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0; HOT export hotosm_vnm_sea_ports), node';

/**
 * The Hà Nội – Hải Phòng railway inside the city, `[lng, lat]`: approximate positions of its
 * stations from the Hưng Yên border (Cẩm Giàng, Hải Dương, Lai Khê, Phú Thái, Thượng Lý) to
 * Hải Phòng station, to within a few hundred metres. Drawn for the demo, not a survey.
 */
export const RAILWAY_HANOI_HAIPHONG: readonly Point[] = [
  [106.17, 20.958],
  [106.218, 20.952],
  [106.27, 20.944],
  [106.318, 20.937],
  [106.37, 20.93],
  [106.42, 20.93],
  [106.47, 20.945],
  [106.5, 20.962],
  [106.56, 20.93],
  [106.61, 20.885],
  [106.663, 20.866],
  [106.686, 20.857],
];

/** How many of the longest demo primary roads become road corridors. */
const ROAD_CORRIDORS = 8;

interface FerryFile {
  features: {
    properties: { osm_id: number; name: string | null; in_hai_phong: boolean };
    geometry: { type: string; coordinates: [number, number] };
  }[];
}

interface RunwayFile {
  features: {
    properties: { category: string; airport_ident?: string; source: string; geometry_role?: string };
    geometry: { type: string; coordinates: [number, number][][] };
  }[];
}

/** The unit at a point, as a code (null outside every unit). */
const unitCodeAt = (land: Land, units: readonly AdminUnit[], p: Point) => {
  const index = land.unitAt(p[0], p[1]);
  return index >= 0 ? units[index]!.code : null;
};

/** The vertex nearest the middle of a line (where its unit is read, as the API's point on surface). */
const middle = (line: readonly Point[]) => line[Math.floor((line.length - 1) / 2)]!;

function transportHubs(land: Land, units: readonly AdminUnit[], rng: Rng): KeySite[] {
  const out: KeySite[] = [];
  const ferries = JSON.parse(
    readFileSync(`${DATA_DIR}/hai-phong-ferry-terminals-osm.geojson`, 'utf8'),
  ) as FerryFile;
  const named = new Set<string>();
  for (const f of ferries.features) {
    const name = f.properties.name;
    // Named in Vietnamese only (a terminal tagged with an English name only is left out).
    if (!f.properties.in_hai_phong || !name || !/^(bến|phà|cảng)/i.test(name)) continue;
    if (named.has(name) || f.geometry.type !== 'Point') continue;
    named.add(name);
    const point = round6(f.geometry.coordinates);
    out.push({
      id: rng.uuid(),
      category: 'transport_hub',
      name,
      unitCode: unitCodeAt(land, units, point),
      source: `${OSM_FERRY} ${f.properties.osm_id}`,
      point,
    });
  }
  const runways = JSON.parse(
    readFileSync(`${DATA_DIR}/hai-phong-key-sites-public-domain.geojson`, 'utf8'),
  ) as RunwayFile;
  const catBi = runways.features.find(
    (f) =>
      f.properties.category === 'airport_runway' &&
      f.properties.airport_ident === 'VVCI' &&
      f.geometry.type === 'Polygon',
  );
  if (catBi) {
    const ring = (catBi.geometry.coordinates[0] ?? []).map((p) => round6(p));
    out.push({
      id: rng.uuid(),
      category: 'transport_hub',
      name: 'Cảng hàng không quốc tế Cát Bi (đường cất hạ cánh)',
      unitCode: unitCodeAt(land, units, ring[0]!),
      source: `${catBi.properties.source}; rectangle derived from the centreline`,
      ring,
    });
  }
  const station = RAILWAY_HANOI_HAIPHONG[RAILWAY_HANOI_HAIPHONG.length - 1]!;
  out.push({
    id: rng.uuid(),
    category: 'transport_hub',
    name: 'Ga Hải Phòng (vị trí gần đúng, demo)',
    unitCode: unitCodeAt(land, units, station),
    source: SYNTHETIC,
    point: station,
  });
  return out;
}

function corridors(land: Land, units: readonly AdminUnit[], streets: readonly Street[], rng: Rng): KeySite[] {
  const roads = streets
    .filter((s) => s.streetClass === 'primary' && s.points.length >= 2)
    .sort((a, b) => b.lengthM - a.lengthM || a.name.localeCompare(b.name))
    .slice(0, ROAD_CORRIDORS);
  const out: KeySite[] = roads.map((road) => ({
    id: rng.uuid(),
    category: 'road_corridor' as const,
    name: `Tuyến ${road.name}`,
    unitCode: unitCodeAt(land, units, middle(road.points)),
    source: SYNTHETIC,
    line: road.points,
  }));
  out.push({
    id: rng.uuid(),
    category: 'rail_corridor',
    name: 'Tuyến đường sắt Hà Nội – Hải Phòng (đoạn qua thành phố, gần đúng, demo)',
    unitCode: unitCodeAt(land, units, middle(RAILWAY_HANOI_HAIPHONG)),
    // Approximate (RAILWAY_HANOI_HAIPHONG): the name says so on screen ("gần đúng").
    source: SYNTHETIC,
    line: RAILWAY_HANOI_HAIPHONG,
  });
  return out;
}

/**
 * Transport hubs, corridors, hotels, heritage sites and colleges. `populatedPoint` places a
 * synthetic site in a populated cell of its unit on land (key-sites.ts).
 */
export function buildPlanKeySites(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  streets: readonly Street[],
  rng: Rng,
  populatedPoint: (unit: AdminUnit, land: Land, grid: PopulationGrid, rng: Rng) => Point,
): KeySite[] {
  const out = [...transportHubs(land, units, rng), ...corridors(land, units, streets, rng)];
  const add = (unit: AdminUnit, category: KeySite['category'], name: string) =>
    out.push({
      id: rng.uuid(),
      category,
      name,
      unitCode: unit.code,
      source: SYNTHETIC,
      point: populatedPoint(unit, land, grid, rng),
    });
  for (const unit of units) {
    if (unit.unitType === 'ward' && rng.chance(0.3)) add(unit, 'hotel', `Khách sạn ${unit.name} (demo)`);
    if (unit.unitType !== 'ward' && rng.chance(0.15))
      add(unit, 'heritage_site', `Khu di tích lịch sử - văn hóa ${unit.name} (demo)`);
    if (unit.unitType === 'ward' && unit.population > 40_000 && rng.chance(0.35))
      add(unit, 'college_university', `Trường Cao đẳng ${unit.name} (demo)`);
  }
  const busWard = units.find((u) => u.unitType === 'ward' && u.population > 40_000);
  if (busWard) add(busWard, 'transport_hub', `Bến xe khách ${busWard.name} (demo)`);
  return out;
}

/**
 * Two fictional submarine cables and their landing stations. A station sits on land 500 m
 * inland of the coast, found by walking from a coastal unit's label point towards the sea
 * until 2 km of open water follow; its cable runs from the station across the beach and then
 * some 50 km out to sea (south-east), with gentle bends, every sea leg checked to stay off land.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktLineString, ewktPoint, type TableCsv } from './csv.js';
import { distanceM, lerp, offsetM, type Point, round6 } from './geometry.js';
import type { Land } from './land.js';
import type { Organisation, Organisations } from './organisations.js';
import type { Rng } from './random.js';

interface Spec {
  unitCode: string;
  bearing: number;
  ownerCode: string;
  stationCode: string;
  stationName: string;
  cableCode: string;
  cableName: string;
  status: 'existing' | 'planned';
}

const SPECS: readonly Spec[] = [
  {
    unitCode: '11455', // Đồ Sơn
    bearing: 135,
    ownerCode: 'OP-BIEN',
    stationCode: 'LS-DOSON',
    stationName: 'Trạm cập bờ Đồ Sơn (demo)',
    cableCode: 'SMC-HLX1',
    cableName: 'Tuyến cáp biển Hải Long Express 1 (demo)',
    status: 'existing',
  },
  {
    unitCode: '11914', // Cát Hải
    bearing: 160,
    ownerCode: 'OP-SONG',
    stationCode: 'LS-CATHAI',
    stationName: 'Trạm cập bờ Cát Hải (demo)',
    cableCode: 'SMC-BTG',
    cableName: 'Tuyến cáp biển Bắc Vịnh Tonkin Gateway (demo)',
    status: 'planned',
  },
];

export interface LandingStation {
  id: string;
  code: string;
  owner: Organisation;
  status: 'existing' | 'planned';
  name: string;
  point: Point;
}

export interface SubmarineCable {
  id: string;
  code: string;
  owner: Organisation;
  status: 'existing' | 'planned';
  name: string;
  fiberPairs: number;
  station: LandingStation;
  points: Point[];
}

function seaLeg(land: Land, a: Point, b: Point): boolean {
  const steps = Math.ceil(distanceM(a, b) / 150);
  for (let i = 0; i <= steps; i++) if (land.isLand(lerp(a, b, i / steps))) return false;
  return true;
}

/** Walks from the unit's label point along `bearing` to the coast: [station, first sea point]. */
function findLanding(unit: AdminUnit, bearing: number, land: Land): [Point, Point] {
  for (let d = 0; d < 40_000; d += 50) {
    const p = offsetM(unit.label, bearing, d);
    if (land.isLand(p)) continue;
    let open = true;
    for (let k = 1; k <= 20 && open; k++)
      if (land.isLand(offsetM(unit.label, bearing, d + k * 100))) open = false;
    if (!open) continue;
    for (let back = 500; back < d; back += 50) {
      const station = round6(offsetM(unit.label, bearing, d - back));
      if (land.unitAt(station[0], station[1]) === unit.index) return [station, round6(p)];
    }
  }
  throw new Error(`no coast found from unit ${unit.code} towards ${bearing}°`);
}

export function buildSubmarine(
  units: readonly AdminUnit[],
  land: Land,
  orgs: Organisations,
  rng: Rng,
): { stations: LandingStation[]; cables: SubmarineCable[] } {
  const stations: LandingStation[] = [];
  const cables: SubmarineCable[] = [];
  for (const spec of SPECS) {
    const unit = units.find((u) => u.code === spec.unitCode);
    const owner = orgs.byCode.get(spec.ownerCode);
    if (!unit || !owner) throw new Error(`submarine spec ${spec.cableCode}: unknown unit or owner`);
    const [stationPoint, shore] = findLanding(unit, spec.bearing, land);
    const station: LandingStation = {
      id: rng.uuid(),
      code: spec.stationCode,
      owner,
      status: spec.status,
      name: spec.stationName,
      point: stationPoint,
    };
    stations.push(station);
    const points: Point[] = [stationPoint, shore];
    let bearing = spec.bearing;
    let here = shore;
    for (const leg of [2_000, 5_000, 8_000, 10_000, 12_000, 14_000]) {
      let next: Point | undefined;
      for (let attempt = 0; attempt < 12 && !next; attempt++) {
        const tryBearing = bearing + rng.range(-12, 12) + (attempt % 2 === 0 ? 1 : -1) * attempt * 8;
        const candidate = round6(offsetM(here, tryBearing, leg));
        if (seaLeg(land, here, candidate)) {
          next = candidate;
          bearing = (bearing * 2 + tryBearing) / 3;
        }
      }
      if (!next) break;
      points.push(next);
      here = next;
    }
    cables.push({
      id: rng.uuid(),
      code: spec.cableCode,
      owner,
      status: spec.status,
      name: spec.cableName,
      fiberPairs: rng.pick([4, 6, 8, 12]),
      station,
      points,
    });
  }
  return { stations, cables };
}

export function landingStationsCsv(stations: readonly LandingStation[]): TableCsv {
  const table = new CsvTable('landing_stations', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'name',
    'protection_radius_m',
    'geom',
  ]);
  for (const s of stations) table.add([s.id, s.code, s.owner.id, s.status, s.name, 500, ewktPoint(s.point)]);
  return table.build();
}

export function submarineCablesCsv(cables: readonly SubmarineCable[]): TableCsv {
  const table = new CsvTable('submarine_cables', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'name',
    'fiber_pairs',
    'corridor_width_m',
    'landing_station_id',
    'geom',
  ]);
  for (const c of cables) {
    table.add([
      c.id,
      c.code,
      c.owner.id,
      c.status,
      c.name,
      c.fiberPairs,
      1000,
      c.station.id,
      ewktLineString(c.points),
    ]);
  }
  return table.build();
}

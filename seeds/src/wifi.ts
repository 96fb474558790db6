/**
 * Public WiFi: one point at the commune centre of every commune and special zone (near its
 * published label point, a city programme run by the science and technology department), and
 * operator-run points at a share of cultural houses, placed in populated cells of every unit.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktPoint, type TableCsv } from './csv.js';
import { type Point, round6, shiftM } from './geometry.js';
import type { Land } from './land.js';
import { CULTURAL_HOUSE_PREFIXES } from './names.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { PopulationGrid } from './population.js';
import type { Rng } from './random.js';

export interface WifiPoint {
  id: string;
  code: string;
  owner: Organisation;
  status: 'existing' | 'planned' | 'under_construction';
  name: string;
  siteType: 'cultural_house' | 'commune_centre' | 'public_space';
  bandwidthMbps: number;
  unitCode: string;
  point: Point;
}

function nearby(land: Land, unit: AdminUnit, around: Point, rng: Rng, maxM: number): Point {
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = round6(shiftM(around, rng.range(-maxM, maxM), rng.range(-maxM, maxM)));
    if (land.unitAt(p[0], p[1]) === unit.index) return p;
  }
  return round6(around);
}

export function buildWifi(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  orgs: Organisations,
  rng: Rng,
): WifiPoint[] {
  const city = orgs.byCode.get('SKHCN-HP')!;
  const codes = new CodeCounter();
  const out: WifiPoint[] = [];
  const status = (): WifiPoint['status'] =>
    rng.weighted(['existing', 'planned', 'under_construction'] as const, [80, 15, 5]);
  for (const unit of units) {
    if (unit.unitType !== 'ward') {
      out.push({
        id: rng.uuid(),
        code: codes.code(city, 'WIFI', 5),
        owner: city,
        status: status(),
        name: `UBND ${unit.unitType === 'commune' ? 'xã' : 'đặc khu'} ${unit.name}`,
        siteType: 'commune_centre',
        bandwidthMbps: rng.pick([100, 200, 300, 500]),
        unitCode: unit.code,
        point: nearby(land, unit, [unit.label[0], unit.label[1]], rng, 60),
      });
    }
    // Cultural houses: one per ~6,000 people, a share of them (40 %) with public WiFi.
    const start = grid.unitStart[unit.index]!;
    const end = grid.unitStart[unit.index + 1]!;
    const houses = Math.max(1, Math.round(unit.population / 6000));
    for (let h = 1; h <= houses; h++) {
      if (!rng.chance(0.4)) continue;
      let cell = rng.int(start, end - 1);
      for (let attempt = 0; attempt < 8 && grid.population[cell] === 0; attempt++)
        cell = rng.int(start, end - 1);
      const owner = rng.pick(orgs.operators);
      const siteType = unit.unitType === 'ward' && rng.chance(0.25) ? 'public_space' : 'cultural_house';
      const where = `${unit.unitType === 'ward' ? 'phường' : unit.unitType === 'commune' ? 'xã' : 'đặc khu'} ${unit.name}`;
      out.push({
        id: rng.uuid(),
        code: codes.code(owner, 'WIFI', 5),
        owner,
        status: status(),
        name:
          siteType === 'public_space'
            ? `Vườn hoa số ${h}, ${where}`
            : `${rng.pick(CULTURAL_HOUSE_PREFIXES)} ${h}, ${where}`,
        siteType,
        bandwidthMbps: rng.pick([50, 100, 100, 200]),
        unitCode: unit.code,
        point: nearby(land, unit, [grid.lng[cell]!, grid.lat[cell]!], rng, 45),
      });
    }
  }
  return out;
}

export function wifiCsv(points: readonly WifiPoint[]): TableCsv {
  const table = new CsvTable('wifi_points', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'name',
    'site_type',
    'bandwidth_mbps',
    'admin_unit_code',
    'geom',
  ]);
  for (const w of points) {
    table.add([
      w.id,
      w.code,
      w.owner.id,
      w.status,
      w.name,
      w.siteType,
      w.bandwidthMbps,
      w.unitCode,
      ewktPoint(w.point),
    ]);
  }
  return table.build();
}

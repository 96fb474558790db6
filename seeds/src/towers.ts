/**
 * ≈ 6,000 antenna towers placed where people are (85 % of sites drawn in proportion to the
 * 100 m cells' population, 15 % uniformly over populated land for rural coverage), and their
 * tenancies. Rooftop sites dominate in dense cells; rooftop ⇔ building height (schema CHECK).
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktPoint, num, pgArray, type TableCsv } from './csv.js';
import { randomDate } from './dates.js';
import { type Point, round6, shiftM } from './geometry.js';
import type { Land } from './land.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import { CellSampler, type PopulationGrid } from './population.js';
import type { Rng } from './random.js';

export const TOWER_COUNT = 6000;

type Status = 'existing' | 'planned' | 'under_construction';
type TowerClass = 'A1' | 'A2a' | 'A2b' | 'A2c';

export interface Tower {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  towerClass: TowerClass;
  structure: 'monopole' | 'lattice' | 'guyed' | 'rooftop_pole' | 'camouflaged' | 'other';
  placement: 'ground' | 'rooftop';
  heightM: number;
  buildingHeightM: number | null;
  groundElevationM: number;
  antennaSlots: number;
  tenantsMax: number;
  powerBackupHours: number;
  unitCode: string;
  point: Point;
  /** People in the 100 m cell: drives rooftop share and 5G share. */
  people: number;
}

export interface Tenancy {
  id: string;
  tower: Tower;
  operator: Organisation;
  technologies: string[];
  antennaCount: number;
  mountHeightM: number;
  since: string;
}

function design(
  rng: Rng,
  people: number,
): Pick<Tower, 'towerClass' | 'structure' | 'placement' | 'heightM' | 'buildingHeightM'> {
  const rooftopShare = people >= 120 ? 0.65 : people >= 40 ? 0.35 : 0.08;
  if (rng.chance(rooftopShare)) {
    const buildingHeightM = num(rng.range(9, people >= 120 ? 60 : 30));
    if (rng.chance(0.6)) {
      return {
        towerClass: 'A1',
        structure: rng.chance(0.7) ? 'rooftop_pole' : 'camouflaged',
        placement: 'rooftop',
        heightM: num(rng.range(3, 6)),
        buildingHeightM,
      };
    }
    return {
      towerClass: 'A2a',
      structure: 'rooftop_pole',
      placement: 'rooftop',
      heightM: num(rng.range(15, 21)),
      buildingHeightM,
    };
  }
  if (rng.chance(0.7)) {
    return {
      towerClass: 'A2b',
      structure: rng.pick(['monopole', 'lattice', 'monopole'] as const),
      placement: 'ground',
      heightM: num(rng.range(15, 42)),
      buildingHeightM: null,
    };
  }
  return {
    towerClass: 'A2c',
    structure: rng.pick(['lattice', 'guyed', 'other'] as const),
    placement: 'ground',
    heightM: num(rng.range(42, 60)),
    buildingHeightM: null,
  };
}

export function buildTowers(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  orgs: Organisations,
  rng: Rng,
): { towers: Tower[]; tenancies: Tenancy[] } {
  const byPeople = new CellSampler(grid, 1);
  const uniform = new CellSampler(grid, 0, (cell) => grid.population[cell]! > 0);
  const owners = [...orgs.operators, orgs.towerCompany];
  const ownerWeights = [30, 24, 16, 10, 20];
  const codes = new CodeCounter();
  const towers: Tower[] = [];
  const tenancies: Tenancy[] = [];
  while (towers.length < TOWER_COUNT) {
    const cell = (rng.chance(0.85) ? byPeople : uniform).sample(rng.next());
    const point = round6(shiftM([grid.lng[cell]!, grid.lat[cell]!], rng.range(-45, 45), rng.range(-45, 45)));
    const unitIndex = land.unitAt(point[0], point[1]);
    if (unitIndex < 0) continue;
    const unit = units[unitIndex]!;
    const people = grid.population[cell]!;
    const owner = rng.weighted(owners, ownerWeights);
    const isTowerCo = owner === orgs.towerCompany;
    const status: Status = rng.weighted(['existing', 'planned', 'under_construction'] as const, [88, 7, 5]);
    const shape = design(rng, people);
    const tenantsMax = isTowerCo ? rng.int(3, 4) : shape.towerClass === 'A1' ? 1 : rng.int(1, 3);
    const hilly = /Chí Linh|Kinh Môn/.test(unit.formerDistrict);
    const tower: Tower = {
      id: rng.uuid(),
      code: codes.code(owner, 'BTS'),
      owner,
      status,
      ...shape,
      groundElevationM: num(hilly ? rng.range(3, 120) : rng.range(1, 12)),
      antennaSlots: tenantsMax * rng.int(3, 6),
      tenantsMax,
      powerBackupHours: num(rng.range(2, 8)),
      unitCode: unit.code,
      point,
      people,
    };
    towers.push(tower);
    const operators = isTowerCo
      ? rng.shuffle([...orgs.operators]).slice(0, rng.int(1, Math.min(3, tenantsMax)))
      : [
          owner,
          ...(tenantsMax > 1 && rng.chance(0.3) ? [rng.pick(orgs.operators.filter((o) => o !== owner))] : []),
        ];
    let slotsLeft = tower.antennaSlots;
    operators.forEach((operator, i) => {
      const antennaCount = Math.max(1, Math.min(slotsLeft - (operators.length - i - 1), rng.int(1, 6)));
      slotsLeft -= antennaCount;
      const top = tower.heightM + (tower.buildingHeightM ?? 0);
      tenancies.push({
        id: rng.uuid(),
        tower,
        operator,
        technologies: technologies(rng, people),
        antennaCount,
        mountHeightM: Math.min(
          top,
          Math.max(1, Math.floor((top - rng.range(0, Math.min(12, tower.heightM * 0.5))) * 10) / 10),
        ),
        since: status === 'existing' ? randomDate(rng, 2008, 2025) : randomDate(rng, 2026, 2027),
      });
    });
  }
  return { towers, tenancies };
}

function technologies(rng: Rng, people: number): string[] {
  const urban = people >= 60;
  const out: string[] = [];
  if (rng.chance(0.3)) out.push('2G');
  if (rng.chance(0.25)) out.push('3G');
  if (rng.chance(0.95) || out.length === 0) out.push('4G');
  if (rng.chance(urban ? 0.55 : 0.15)) out.push('5G');
  return out;
}

export function towersCsv(towers: readonly Tower[]): TableCsv {
  const table = new CsvTable('towers', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'tower_class',
    'structure',
    'placement',
    'height_m',
    'building_height_m',
    'ground_elevation_m',
    'antenna_slots_total',
    'tenants_max',
    'power_backup_hours',
    'admin_unit_code',
    'geom',
  ]);
  for (const t of towers) {
    table.add([
      t.id,
      t.code,
      t.owner.id,
      t.status,
      t.towerClass,
      t.structure,
      t.placement,
      t.heightM,
      t.buildingHeightM,
      t.groundElevationM,
      t.antennaSlots,
      t.tenantsMax,
      t.powerBackupHours,
      t.unitCode,
      ewktPoint(t.point),
    ]);
  }
  return table.build();
}

export function tenanciesCsv(tenancies: readonly Tenancy[]): TableCsv {
  const table = new CsvTable('tenancies', [
    'id',
    'tower_id',
    'operator_org_id',
    'technologies',
    'antenna_count',
    'mount_height_m',
    'since',
  ]);
  for (const t of tenancies) {
    table.add([
      t.id,
      t.tower.id,
      t.operator.id,
      pgArray(t.technologies),
      t.antennaCount,
      t.mountHeightM,
      t.since,
    ]);
  }
  return table.build();
}

/**
 * The registers plan 317 asks the city to manage, synthetic like the rest of the demo (names say
 * "mô phỏng"): data centres in the most populous wards, devices on the shared poles of main streets
 * (surveillance cameras, IoT sensors, small cells, streetlight controllers) and in-building telecom
 * systems in apartment and public buildings of the wards.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktPoint, pgArray, type TableCsv } from './csv.js';
import { type Point, round6, shiftM } from './geometry.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { PoleLine } from './poles.js';
import type { PopulationGrid } from './population.js';
import type { Rng } from './random.js';

type Status = 'existing' | 'planned' | 'under_construction';

export interface DataCentre {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  name: string;
  tier: 'II' | 'III' | 'IV' | null;
  greenCertification: 'none' | 'leed' | 'lotus' | 'iso_50001';
  powerMw: number;
  pue: number | null;
  point: Point;
}

export type DeviceType = 'surveillance_camera' | 'iot_sensor' | 'small_cell' | 'streetlight_controller';

export interface StreetDevice {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  deviceType: DeviceType;
  poleId: string | null;
  mountHeightM: number;
  viewRangeM: number | null;
  point: Point;
}

export interface InBuildingSystem {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  buildingName: string;
  buildingType: 'apartment' | 'office' | 'commercial' | 'hotel' | 'hospital' | 'public_building';
  floors: number;
  sharedSystem: boolean;
  fibreRiser: boolean;
  operatorsServed: string[];
  complianceStatus: 'compliant' | 'non_compliant' | 'not_assessed';
  point: Point;
}

export interface CityRegisters {
  dataCentres: DataCentre[];
  devices: StreetDevice[];
  buildings: InBuildingSystem[];
}

const wardsByPopulation = (units: readonly AdminUnit[]) =>
  units
    .filter((u) => u.unitType === 'ward')
    .sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1));

/** A populated cell of the unit (the densest of a few draws): where buildings stand. */
function populatedPoint(grid: PopulationGrid, unit: AdminUnit, rng: Rng): Point {
  const start = grid.unitStart[unit.index]!;
  const end = grid.unitStart[unit.index + 1]!;
  let best = rng.int(start, end - 1);
  for (let draw = 0; draw < 6; draw++) {
    const cell = rng.int(start, end - 1);
    if (grid.population[cell]! > grid.population[best]!) best = cell;
  }
  return round6(shiftM([grid.lng[best]!, grid.lat[best]!], rng.range(-40, 40), rng.range(-40, 40)));
}

function buildDataCentres(units: readonly AdminUnit[], grid: PopulationGrid, orgs: Organisations, rng: Rng) {
  const codes = new CodeCounter();
  // Two in service without a green certificate, one certified, two green ones planned (the
  // plan's "2–3 new green data centres" are still to come in the demo).
  const profiles: Pick<DataCentre, 'status' | 'tier' | 'greenCertification' | 'powerMw' | 'pue'>[] = [
    { status: 'existing', tier: 'III', greenCertification: 'none', powerMw: 4, pue: 1.9 },
    { status: 'existing', tier: 'II', greenCertification: 'none', powerMw: 1.5, pue: 2.1 },
    { status: 'existing', tier: 'III', greenCertification: 'iso_50001', powerMw: 6, pue: 1.6 },
    { status: 'under_construction', tier: 'III', greenCertification: 'lotus', powerMw: 10, pue: 1.4 },
    { status: 'planned', tier: 'IV', greenCertification: 'leed', powerMw: 20, pue: 1.3 },
  ];
  const wards = wardsByPopulation(units);
  return profiles.map((profile, i): DataCentre => {
    const owner = orgs.operators[i % orgs.operators.length]!;
    const unit = wards[(i * 3) % wards.length]!;
    return {
      id: rng.uuid(),
      code: codes.code(owner, 'DC', 3),
      owner,
      name: `Trung tâm dữ liệu ${owner.prefix} ${unit.name} (mô phỏng)`,
      ...profile,
      point: populatedPoint(grid, unit, rng),
    };
  });
}

/** Devices on the poles of primary and secondary streets (and a few standalone beside them). */
function buildDevices(poleLines: readonly PoleLine[], orgs: Organisations, rng: Rng): StreetDevice[] {
  const city = orgs.byCode.get('SKHCN-HP')!;
  const lighting = orgs.byCode.get('CHIEUSANG-HP-DEMO')!;
  const water = orgs.byCode.get('CAPNUOC-HP-DEMO')!;
  const codes = new CodeCounter();
  const out: StreetDevice[] = [];
  const status = (): Status =>
    rng.weighted(['existing', 'planned', 'under_construction'] as const, [85, 10, 5]);
  const add = (
    deviceType: DeviceType,
    owner: Organisation,
    pole: PoleLine['poles'][number],
    onPole: boolean,
  ) => {
    const camera = deviceType === 'surveillance_camera';
    out.push({
      id: rng.uuid(),
      code: codes.code(
        owner,
        { surveillance_camera: 'CAM', iot_sensor: 'IOT', small_cell: 'SC', streetlight_controller: 'SLC' }[
          deviceType
        ],
        5,
      ),
      owner,
      status: status(),
      deviceType,
      poleId: onPole ? pole.id : null,
      mountHeightM: Math.min(pole.heightM, camera ? 6 : deviceType === 'small_cell' ? 7 : 5),
      viewRangeM: camera ? rng.pick([60, 80, 100, 120]) : null,
      point: onPole ? pole.point : round6(shiftM(pole.point, rng.range(-4, 4), rng.range(-4, 4))),
    });
  };
  for (const line of poleLines) {
    const main = line.street.streetClass !== 'local';
    line.poles.forEach((pole, i) => {
      if (pole.status !== 'existing') return;
      // Cameras every ~6th pole of a main urban street, sparser on highways between towns.
      if (main && i % (line.street.urban ? 6 : 14) === 0)
        add('surveillance_camera', city, pole, rng.chance(0.9));
      if (line.sector === 'lighting' && rng.chance(0.15)) add('streetlight_controller', lighting, pole, true);
      if (main && line.street.urban && rng.chance(0.02))
        add('small_cell', rng.pick(orgs.operators), pole, true);
      if (rng.chance(0.006)) add('iot_sensor', rng.chance(0.5) ? city : water, pole, rng.chance(0.7));
    });
  }
  return out;
}

const BUILDING_NAMES: Record<InBuildingSystem['buildingType'], string> = {
  apartment: 'Chung cư',
  office: 'Tòa văn phòng',
  commercial: 'Trung tâm thương mại',
  hotel: 'Khách sạn',
  hospital: 'Bệnh viện',
  public_building: 'Trụ sở cơ quan',
};

function buildInBuilding(units: readonly AdminUnit[], grid: PopulationGrid, orgs: Organisations, rng: Rng) {
  const codes = new CodeCounter();
  const towerCompany = orgs.towerCompany;
  const out: InBuildingSystem[] = [];
  const wards = wardsByPopulation(units).slice(0, 20);
  for (const unit of wards) {
    const count = rng.int(2, 5);
    for (let n = 1; n <= count; n++) {
      const buildingType = rng.weighted(
        ['apartment', 'office', 'commercial', 'hotel', 'hospital', 'public_building'] as const,
        [40, 15, 15, 12, 8, 10],
      );
      const sharedSystem = rng.chance(0.55);
      // A shared system is run by the tower company or an operator for several; otherwise one operator's own.
      const owner = sharedSystem && rng.chance(0.5) ? towerCompany : rng.pick(orgs.operators);
      const served = sharedSystem
        ? orgs.operators.filter(() => rng.chance(0.7))
        : owner === towerCompany
          ? []
          : [owner];
      out.push({
        id: rng.uuid(),
        code: codes.code(owner, 'IBS', 4),
        owner,
        status: rng.weighted(['existing', 'planned', 'under_construction'] as const, [80, 12, 8]),
        buildingName: `${BUILDING_NAMES[buildingType]} số ${n} ${unit.name} (mô phỏng)`,
        buildingType,
        floors: buildingType === 'apartment' ? rng.int(9, 40) : rng.int(3, 25),
        sharedSystem,
        fibreRiser: rng.chance(sharedSystem ? 0.9 : 0.5),
        operatorsServed: served.map((o) => o.id),
        complianceStatus: rng.weighted(['compliant', 'non_compliant', 'not_assessed'] as const, [55, 15, 30]),
        point: populatedPoint(grid, unit, rng),
      });
    }
  }
  return out;
}

export function buildCityRegisters(
  units: readonly AdminUnit[],
  grid: PopulationGrid,
  poleLines: readonly PoleLine[],
  orgs: Organisations,
  rng: Rng,
): CityRegisters {
  return {
    dataCentres: buildDataCentres(units, grid, orgs, rng),
    devices: buildDevices(poleLines, orgs, rng),
    buildings: buildInBuilding(units, grid, orgs, rng),
  };
}

export function dataCentresCsv(list: readonly DataCentre[]): TableCsv {
  const table = new CsvTable('data_centres', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'name',
    'tier',
    'green_certification',
    'power_mw',
    'pue',
    'geom',
  ]);
  for (const d of list) {
    table.add([
      d.id,
      d.code,
      d.owner.id,
      d.status,
      d.name,
      d.tier,
      d.greenCertification,
      d.powerMw,
      d.pue,
      ewktPoint(d.point),
    ]);
  }
  return table.build();
}

export function streetDevicesCsv(list: readonly StreetDevice[]): TableCsv {
  const table = new CsvTable('street_devices', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'device_type',
    'pole_id',
    'mount_height_m',
    'view_range_m',
    'geom',
  ]);
  for (const d of list) {
    table.add([
      d.id,
      d.code,
      d.owner.id,
      d.status,
      d.deviceType,
      d.poleId,
      d.mountHeightM,
      d.viewRangeM,
      ewktPoint(d.point),
    ]);
  }
  return table.build();
}

export function inBuildingSystemsCsv(list: readonly InBuildingSystem[]): TableCsv {
  const table = new CsvTable('in_building_systems', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'building_name',
    'building_type',
    'floors',
    'shared_system',
    'fibre_riser',
    'operators_served',
    'compliance_status',
    'geom',
  ]);
  for (const b of list) {
    table.add([
      b.id,
      b.code,
      b.owner.id,
      b.status,
      b.buildingName,
      b.buildingType,
      b.floors,
      b.sharedSystem,
      b.fibreRiser,
      pgArray(b.operatorsServed),
      b.complianceStatus,
      ewktPoint(b.point),
    ]);
  }
  return table.build();
}

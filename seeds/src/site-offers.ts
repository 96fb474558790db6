/**
 * Site offers by the demo commune organisations (Plan 317 asks communes to arrange space for
 * telecom stations): public land plots (points) and building roofs (small polygons) in populated
 * parts of each commune. Synthetic; every name ends in "(demo)".
 * legal: plan-317-2025-kh-ubnd
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktPoint, type TableCsv } from './csv.js';
import { type Point, round6, shiftM } from './geometry.js';
import { ewktPolygon } from './key-sites.js';
import type { Land } from './land.js';
import type { Organisations } from './organisations.js';
import type { PopulationGrid } from './population.js';
import type { Rng } from './random.js';

export interface SiteOffer {
  id: string;
  orgId: string;
  unitCode: string;
  name: string;
  offerKind: 'land_plot' | 'building_roof';
  purpose: 'tower' | 'cabinet' | 'both';
  areaM2: number;
  maxStructureHeightM: number | null;
  buildingHeightM: number | null;
  conditions: string;
  contactName: string;
  contactPhone: string;
  availableFrom: string;
  availableUntil: string | null;
  status: 'published' | 'withdrawn' | 'taken';
  point?: Point;
  ring?: Point[];
}

const PLOTS = [
  'Đất công cạnh nhà văn hóa',
  'Khu đất công ích',
  'Góc sân UBND',
  'Đất công cạnh trạm y tế',
  'Bãi đất trống',
];
const ROOFS = ['Mái nhà UBND', 'Mái trường tiểu học', 'Mái nhà văn hóa', 'Mái trạm y tế'];
const CONTACTS = ['Nguyễn Văn Hải', 'Trần Thị Lan', 'Phạm Minh Đức', 'Lê Thu Hà', 'Vũ Quang Huy'];
/** Offers per commune organisation (3 organisations → 30 offers). */
const OFFERS_PER_COMMUNE = 10;

export function buildSiteOffers(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  orgs: Organisations,
  rng: Rng,
): SiteOffer[] {
  const out: SiteOffer[] = [];
  for (const org of orgs.all.filter((o) => o.kind === 'commune' && o.adminUnitCode)) {
    const unit = units.find((u) => u.code === org.adminUnitCode);
    if (!unit) continue;
    const start = grid.unitStart[unit.index]!;
    const end = grid.unitStart[unit.index + 1]!;
    for (let k = 1; k <= OFFERS_PER_COMMUNE; k++) {
      let centre: Point = round6(unit.label);
      for (let attempt = 0; attempt < 20; attempt++) {
        const cell = rng.int(start, end - 1);
        const p = round6([grid.lng[cell]!, grid.lat[cell]!]);
        if (grid.population[cell]! > 0 && land.unitAt(p[0], p[1]) === unit.index) {
          centre = p;
          break;
        }
      }
      const isRoof = rng.chance(0.35);
      const purpose = isRoof
        ? rng.pick(['tower', 'both'] as const)
        : rng.pick(['tower', 'tower', 'cabinet', 'both'] as const);
      const status = rng.weighted(['published', 'withdrawn', 'taken'] as const, [85, 8, 7]);
      const base = {
        id: rng.uuid(),
        orgId: org.id,
        unitCode: unit.code,
        purpose,
        conditions: rng.pick([
          'Thuê theo khung giá đất công ích của xã; dùng chung cho ít nhất 2 doanh nghiệp.',
          'Cột ngụy trang, không quá chiều cao cho phép; bảo đảm mỹ quan.',
          'Ưu tiên doanh nghiệp cam kết phủ sóng 5G cho thôn.',
        ]),
        contactName: rng.pick(CONTACTS),
        contactPhone: `0225 3${rng.int(100, 999)} ${rng.int(100, 999)}`,
        availableFrom: `2026-0${rng.int(1, 9)}-01`,
        availableUntil: rng.chance(0.3) ? '2030-12-31' : null,
        status,
      };
      if (isRoof) {
        const [w, h] = [rng.int(12, 25), rng.int(10, 18)];
        const ring = [
          shiftM(centre, -w / 2, -h / 2),
          shiftM(centre, w / 2, -h / 2),
          shiftM(centre, w / 2, h / 2),
          shiftM(centre, -w / 2, h / 2),
        ].map(round6);
        out.push({
          ...base,
          name: `${rng.pick(ROOFS)} ${unit.name} số ${k} (demo)`,
          offerKind: 'building_roof',
          areaM2: w * h,
          maxStructureHeightM: rng.pick([6, 9, 12]),
          buildingHeightM: rng.pick([9, 12, 15, 18]),
          ring: [...ring, ring[0]!],
        });
      } else {
        out.push({
          ...base,
          name: `${rng.pick(PLOTS)} ${unit.name} số ${k} (demo)`,
          offerKind: 'land_plot',
          areaM2: purpose === 'cabinet' ? rng.int(4, 12) : rng.int(80, 400),
          maxStructureHeightM: purpose === 'cabinet' ? null : rng.pick([30, 36, 42, 45, 50]),
          buildingHeightM: null,
          point: centre,
        });
      }
    }
  }
  return out;
}

export function siteOffersCsv(offers: readonly SiteOffer[]): TableCsv {
  const table = new CsvTable('site_offers', [
    'id',
    'offering_org_id',
    'admin_unit_code',
    'name',
    'offer_kind',
    'purpose',
    'area_m2',
    'max_structure_height_m',
    'building_height_m',
    'conditions',
    'contact_name',
    'contact_phone',
    'available_from',
    'available_until',
    'status',
    'geom',
  ]);
  for (const o of offers) {
    table.add([
      o.id,
      o.orgId,
      o.unitCode,
      o.name,
      o.offerKind,
      o.purpose,
      o.areaM2,
      o.maxStructureHeightM,
      o.buildingHeightM,
      o.conditions,
      o.contactName,
      o.contactPhone,
      o.availableFrom,
      o.availableUntil,
      o.status,
      o.ring ? ewktPolygon(o.ring) : ewktPoint(o.point!),
    ]);
  }
  return table.build();
}

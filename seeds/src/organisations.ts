/**
 * The demo organisations. All names are fictional (marked "(demo)") except the city's own
 * departments, which exist in every province; codes follow `^[A-Z0-9_-]{2,32}$`.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, type TableCsv } from './csv.js';
import type { Rng } from './random.js';

export type OrgKind =
  | 'city_department'
  | 'operator'
  | 'tower_company'
  | 'construction_department'
  | 'commune'
  | 'other_sector'
  | 'public';

export interface Organisation {
  id: string;
  code: string;
  name: string;
  kind: OrgKind;
  adminUnitCode: string | null;
  /** Short prefix for asset codes. */
  prefix: string;
  /** Which of plan 317's agencies it is, when its kind does not say (the API derives the rest). */
  planAgency?: 'dost' | 'construction';
}

const BASE: readonly Omit<Organisation, 'id' | 'adminUnitCode'>[] = [
  { code: 'OP-SONG', name: 'Sông Telecom (demo)', kind: 'operator', prefix: 'SONG' },
  { code: 'OP-BIEN', name: 'Biển Mobile (demo)', kind: 'operator', prefix: 'BIEN' },
  { code: 'OP-CANG', name: 'Cảng Net (demo)', kind: 'operator', prefix: 'CANG' },
  { code: 'OP-NUI', name: 'Núi Viễn thông (demo)', kind: 'operator', prefix: 'NUI' },
  {
    code: 'TOWERCO-HP',
    name: 'Hạ tầng Cột Hải Phòng (demo)',
    kind: 'tower_company',
    prefix: 'TWC',
  },
  {
    code: 'SKHCN-HP',
    name: 'Sở Khoa học và Công nghệ Hải Phòng (demo)',
    kind: 'city_department',
    prefix: 'SKHCN',
    planAgency: 'dost',
  },
  { code: 'SXD-HP', name: 'Sở Xây dựng Hải Phòng (demo)', kind: 'construction_department', prefix: 'SXD' },
  { code: 'EVN-HP-DEMO', name: 'Điện lực Hải Phòng (demo)', kind: 'other_sector', prefix: 'EVN' },
  { code: 'CAPNUOC-HP-DEMO', name: 'Cấp nước Hải Phòng (demo)', kind: 'other_sector', prefix: 'NUOC' },
  {
    code: 'CHIEUSANG-HP-DEMO',
    name: 'Chiếu sáng đô thị Hải Phòng (demo)',
    kind: 'other_sector',
    prefix: 'CS',
  },
  { code: 'DUONGBO-HP-DEMO', name: 'Quản lý đường bộ Hải Phòng (demo)', kind: 'other_sector', prefix: 'DB' },
];

/** The public's organisation: the demo's read-only public viewer belongs to it. */
const PUBLIC_ORG = {
  code: 'PUBLIC-DEMO',
  name: 'Công chúng (demo)',
  kind: 'public',
  prefix: 'PUB',
} as const;

/** Communes that get their own organisation (commune people's committee) in the demo. */
const COMMUNE_ORG_COUNT = 3;

export interface Organisations {
  all: Organisation[];
  byCode: Map<string, Organisation>;
  operators: Organisation[];
  towerCompany: Organisation;
}

export function buildOrganisations(rng: Rng, units: readonly AdminUnit[]): Organisations {
  const all: Organisation[] = BASE.map((o) => ({ ...o, id: rng.uuid(), adminUnitCode: null }));
  const communes = units.filter((u) => u.unitType === 'commune').slice(0, COMMUNE_ORG_COUNT);
  for (const u of communes) {
    all.push({
      id: rng.uuid(),
      code: `UBND-${u.code}`,
      name: `UBND xã ${u.name} (demo)`,
      kind: 'commune',
      adminUnitCode: u.code,
      prefix: `X${u.code}`,
    });
  }
  // Last, so that the ids drawn above stay what they were before it existed.
  all.push({ ...PUBLIC_ORG, id: rng.uuid(), adminUnitCode: null });
  const byCode = new Map(all.map((o) => [o.code, o]));
  const get = (code: string): Organisation => {
    const o = byCode.get(code);
    if (!o) throw new Error(`no organisation ${code}`);
    return o;
  };
  return {
    all,
    byCode,
    operators: ['OP-SONG', 'OP-BIEN', 'OP-CANG', 'OP-NUI'].map(get),
    towerCompany: get('TOWERCO-HP'),
  };
}

export function organisationsCsv(orgs: Organisations): TableCsv {
  const table = new CsvTable('organisations', [
    'id',
    'code',
    'name',
    'kind',
    'admin_unit_code',
    'plan_agency',
  ]);
  for (const o of orgs.all) table.add([o.id, o.code, o.name, o.kind, o.adminUnitCode, o.planAgency ?? null]);
  return table.build();
}

/** Per-owner running numbers for asset codes: `SONG-BTS-00001`, unique per owner by construction. */
export class CodeCounter {
  private readonly next = new Map<string, number>();

  code(owner: Organisation, kind: string, digits = 5): string {
    const key = `${owner.id}:${kind}`;
    const n = (this.next.get(key) ?? 0) + 1;
    this.next.set(key, n);
    return `${owner.prefix}-${kind}-${String(n).padStart(digits, '0')}`;
  }
}

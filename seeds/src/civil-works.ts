/**
 * Other sectors' planned works (the input to dig-once): a stretch of 0.4–3 km of a primary or
 * secondary street, with a schedule window between 2026 and 2030.
 */
import { CsvTable, ewktLineString, type TableCsv } from './csv.js';
import { addDays, isoDate, randomDate } from './dates.js';
import { cumulativeM, dedupe, type Point, sliceAlong } from './geometry.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { Rng } from './random.js';
import type { Street } from './streets.js';

export const CIVIL_WORKS_COUNT = 48;
const LAST_DAY = isoDate(2030, 12, 31);

type Sector = 'road' | 'power' | 'water' | 'lighting' | 'drainage';

export interface CivilWork {
  id: string;
  code: string;
  owner: Organisation;
  status: 'planned' | 'under_construction';
  name: string;
  sector: Sector;
  startsOn: string;
  endsOn: string;
  points: Point[];
}

const OWNER_BY_SECTOR: Record<Sector, string> = {
  road: 'DUONGBO-HP-DEMO',
  power: 'EVN-HP-DEMO',
  water: 'CAPNUOC-HP-DEMO',
  lighting: 'CHIEUSANG-HP-DEMO',
  drainage: 'CAPNUOC-HP-DEMO',
};

const WHAT: Record<Sector, string> = {
  road: 'Cải tạo, mở rộng',
  power: 'Hạ ngầm lưới điện',
  water: 'Thay ống cấp nước',
  lighting: 'Nâng cấp chiếu sáng',
  drainage: 'Cải tạo thoát nước',
};

export function buildCivilWorks(streets: readonly Street[], orgs: Organisations, rng: Rng): CivilWork[] {
  const candidates = rng.shuffle(streets.filter((s) => s.streetClass !== 'local' && s.lengthM >= 400));
  const codes = new CodeCounter();
  const out: CivilWork[] = [];
  for (const street of candidates.slice(0, CIVIL_WORKS_COUNT)) {
    const sector = rng.weighted(
      ['road', 'power', 'water', 'lighting', 'drainage'] as const,
      [30, 25, 20, 10, 15],
    );
    const owner = orgs.byCode.get(OWNER_BY_SECTOR[sector])!;
    const cum = cumulativeM(street.points);
    const total = cum[cum.length - 1]!;
    const length = Math.min(total, rng.range(400, 3000));
    const from = rng.range(0, total - length);
    const points = dedupe(sliceAlong(street.points, cum, from, from + length));
    if (points.length < 2) continue;
    const startsOn = randomDate(rng, 2026, 2029);
    const endsOn = addDays(startsOn, rng.int(30, 540));
    out.push({
      id: rng.uuid(),
      code: codes.code(owner, 'CT', 4),
      owner,
      status: startsOn < '2026-07-01' && rng.chance(0.5) ? 'under_construction' : 'planned',
      name: `${WHAT[sector]} ${street.name}`.slice(0, 200),
      sector,
      startsOn,
      endsOn: [endsOn, LAST_DAY].sort()[0]!,
      points,
    });
  }
  return out;
}

export function civilWorksCsv(works: readonly CivilWork[]): TableCsv {
  const table = new CsvTable('civil_works', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'name',
    'sector',
    'starts_on',
    'ends_on',
    'geom',
  ]);
  for (const w of works) {
    table.add([
      w.id,
      w.code,
      w.owner.id,
      w.status,
      w.name,
      w.sector,
      w.startsOn,
      w.endsOn,
      ewktLineString(w.points),
    ]);
  }
  return table.build();
}

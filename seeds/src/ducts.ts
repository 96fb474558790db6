/**
 * ≈ 1,500 km of underground ducts along urban streets (secondary streets first, then local
 * ones, in a seeded order, until the target length is reached). A manhole sits at every grid
 * node of a ducted street (every 150–250 m), shared by all streets meeting there; each duct is
 * one block between two manholes.
 */
import { CsvTable, ewktLineString, ewktPoint, num, type TableCsv } from './csv.js';
import { distanceM, type Point } from './geometry.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { Rng } from './random.js';
import type { Street } from './streets.js';

export const DUCT_TARGET_M = 1_500_000;

type Status = 'existing' | 'planned' | 'under_construction';

export interface Manhole {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  manholeType: 'manhole' | 'handhole' | 'joint_chamber';
  covers: number;
  depthM: number;
  point: Point;
}

export interface Duct {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  tubesTotal: number;
  tubesUsed: number;
  diameterMm: number;
  depthM: number;
  from: Manhole;
  to: Manhole;
  points: Point[];
  lengthM: number;
}

/** The ducts laid along one street, in order. */
export interface DuctRun {
  street: Street;
  owner: Organisation;
  ducts: Duct[];
}

export function buildDucts(
  streets: readonly Street[],
  orgs: Organisations,
  rng: Rng,
): { manholes: Manhole[]; runs: DuctRun[] } {
  const urban = streets.filter((s) => s.urban);
  const ordered = [
    ...rng.shuffle(urban.filter((s) => s.streetClass === 'secondary')),
    ...rng.shuffle(urban.filter((s) => s.streetClass === 'local')),
  ];
  const owners = [...orgs.operators, orgs.towerCompany, orgs.byCode.get('SKHCN-HP')!];
  const ownerWeights = [30, 25, 15, 10, 12, 8];
  const codes = new CodeCounter();
  const manholes: Manhole[] = [];
  const byNode = new Map<string, Manhole>();
  const runs: DuctRun[] = [];
  let total = 0;
  const manholeAt = (p: Point, owner: Organisation, status: Status, secondary: boolean): Manhole => {
    const key = `${p[0]},${p[1]}`;
    const existing = byNode.get(key);
    if (existing) return existing;
    const manholeType = rng.chance(0.1)
      ? 'joint_chamber'
      : secondary
        ? 'manhole'
        : rng.weighted(['manhole', 'handhole'] as const, [40, 60]);
    const m: Manhole = {
      id: rng.uuid(),
      code: codes.code(owner, 'HG', 6),
      owner,
      status,
      manholeType,
      covers: manholeType === 'handhole' ? 1 : manholeType === 'manhole' ? 2 : rng.int(2, 4),
      depthM: num(manholeType === 'handhole' ? rng.range(0.8, 1.2) : rng.range(1.2, 2.5)),
      point: p,
    };
    byNode.set(key, m);
    manholes.push(m);
    return m;
  };
  for (const street of ordered) {
    if (total >= DUCT_TARGET_M) break;
    const owner = rng.weighted(owners, ownerWeights);
    const status: Status = rng.weighted(['existing', 'planned', 'under_construction'] as const, [85, 10, 5]);
    const secondary = street.streetClass === 'secondary';
    const tubesTotal = secondary ? rng.pick([12, 16, 24, 32]) : rng.pick([2, 4, 6, 8]);
    const diameterMm = rng.pick([40, 50, 110, 160]);
    const depthM = num(rng.range(0.7, 1.5), 2);
    const ducts: Duct[] = [];
    let from = manholeAt(street.points[0]!, owner, status, secondary);
    for (let i = 1; i < street.points.length; i++) {
      const to = manholeAt(street.points[i]!, owner, status, secondary);
      const points: Point[] = [street.points[i - 1]!, street.points[i]!];
      const lengthM = distanceM(points[0]!, points[1]!);
      ducts.push({
        id: rng.uuid(),
        code: codes.code(owner, 'CONG', 6),
        owner,
        status,
        tubesTotal,
        tubesUsed: status === 'existing' ? rng.int(1, tubesTotal) : 0,
        diameterMm,
        depthM,
        from,
        to,
        points,
        lengthM,
      });
      total += lengthM;
      from = to;
    }
    runs.push({ street, owner, ducts });
  }
  return { manholes, runs };
}

export function manholesCsv(manholes: readonly Manhole[]): TableCsv {
  const table = new CsvTable('manholes', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'manhole_type',
    'covers',
    'depth_m',
    'geom',
  ]);
  for (const m of manholes) {
    table.add([m.id, m.code, m.owner.id, m.status, m.manholeType, m.covers, m.depthM, ewktPoint(m.point)]);
  }
  return table.build();
}

export function ductsCsv(runs: readonly DuctRun[]): TableCsv {
  const table = new CsvTable('ducts', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'tubes_total',
    'tubes_used',
    'diameter_mm',
    'depth_m',
    'from_manhole_id',
    'to_manhole_id',
    'geom',
  ]);
  for (const run of runs) {
    for (const d of run.ducts) {
      table.add([
        d.id,
        d.code,
        d.owner.id,
        d.status,
        d.tubesTotal,
        d.tubesUsed,
        d.diameterMm,
        d.depthM,
        d.from.id,
        d.to.id,
        ewktLineString(d.points),
      ]);
    }
  }
  return table.build();
}

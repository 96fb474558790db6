/**
 * Fibre cable routes: underground ones follow a contiguous stretch of a duct run, aerial ones
 * are strung pole to pole along telecom and power pole lines (operators lease attachments).
 * A cable on a planned duct or pole line is itself planned.
 */
import { CsvTable, ewktLineString, type TableCsv } from './csv.js';
import type { DuctRun } from './ducts.js';
import { dedupe, type Point } from './geometry.js';
import type { Land } from './land.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { PoleLine } from './poles.js';
import type { Rng } from './random.js';

type Status = 'existing' | 'planned' | 'under_construction';

export interface CableRoute {
  id: string;
  code: string;
  owner: Organisation;
  status: Status;
  coreCount: number;
  placement: 'aerial' | 'underground';
  points: Point[];
}

const CORES = [12, 24, 48, 96, 144, 288];

export function buildCableRoutes(
  runs: readonly DuctRun[],
  poleLines: readonly PoleLine[],
  land: Land,
  orgs: Organisations,
  rng: Rng,
): CableRoute[] {
  const codes = new CodeCounter();
  const routes: CableRoute[] = [];
  const operatorFor = (owner: Organisation): Organisation =>
    orgs.operators.includes(owner) ? owner : rng.pick(orgs.operators);
  for (const run of runs) {
    if (!rng.chance(0.6) || run.ducts.length === 0) continue;
    const a = rng.int(0, run.ducts.length - 1);
    const b = rng.int(a, run.ducts.length - 1);
    const stretch = run.ducts.slice(a, b + 1);
    const points = dedupe(stretch.flatMap((d) => d.points));
    if (points.length < 2) continue;
    const owner = operatorFor(run.owner);
    const ductsReady = stretch.every((d) => d.status === 'existing');
    routes.push({
      id: rng.uuid(),
      code: codes.code(owner, 'CAP-N', 6),
      owner,
      status: ductsReady ? rng.weighted(['existing', 'planned'] as const, [85, 15]) : 'planned',
      coreCount: rng.pick(CORES),
      placement: 'underground',
      points,
    });
  }
  for (const line of poleLines) {
    if (line.sector === 'lighting' || line.poles.length < 2 || !rng.chance(0.45)) continue;
    const points = dedupe(line.poles.map((p) => p.point));
    if (points.length < 2 || !land.lineOnLand(points, 20)) continue;
    const owner = line.sector === 'telecom' ? operatorFor(line.poles[0]!.owner) : rng.pick(orgs.operators);
    const polesReady = line.poles.every((p) => p.status === 'existing');
    routes.push({
      id: rng.uuid(),
      code: codes.code(owner, 'CAP-T', 6),
      owner,
      status: polesReady
        ? rng.weighted(['existing', 'planned', 'under_construction'] as const, [82, 13, 5])
        : 'planned',
      coreCount: rng.pick(CORES.slice(0, 4)),
      placement: 'aerial',
      points,
    });
  }
  return routes;
}

export function cableRoutesCsv(routes: readonly CableRoute[]): TableCsv {
  const table = new CsvTable('cable_routes', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'cable_type',
    'core_count',
    'placement',
    'geom',
  ]);
  for (const r of routes) {
    table.add([
      r.id,
      r.code,
      r.owner.id,
      r.status,
      'fiber',
      r.coreCount,
      r.placement,
      ewktLineString(r.points),
    ]);
  }
  return table.build();
}

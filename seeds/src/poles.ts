/**
 * ≈ 40,000 poles every 40–60 m along streets, 4 m beside the centreline: about half of all
 * streets (urban grids, commune centres and the roads between units) carry a pole line.
 * Owners by sector: power (EVN), lighting (city lighting), telecom (operators, tower company).
 */
import { CsvTable, ewktPoint, num, type TableCsv } from './csv.js';
import { cumulativeM, type Point, pointAlong, round6 } from './geometry.js';
import type { Land } from './land.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { Rng } from './random.js';
import type { Street } from './streets.js';

export const POLE_TARGET = 40_000;

type Sector = 'telecom' | 'power' | 'lighting';

export interface Pole {
  id: string;
  code: string;
  owner: Organisation;
  status: 'existing' | 'planned' | 'under_construction';
  material: 'concrete' | 'steel' | 'wood' | 'composite';
  sector: Sector;
  heightM: number;
  attachmentsUsed: number;
  attachmentsMax: number;
  point: Point;
}

export interface PoleLine {
  street: Street;
  sector: Sector;
  poles: Pole[];
}

export function buildPoles(
  streets: readonly Street[],
  land: Land,
  orgs: Organisations,
  rng: Rng,
): PoleLine[] {
  const evn = orgs.byCode.get('EVN-HP-DEMO')!;
  const lighting = orgs.byCode.get('CHIEUSANG-HP-DEMO')!;
  const telecomOwners = [...orgs.operators, orgs.towerCompany];
  const codes = new CodeCounter();
  const order = rng.shuffle([...streets]);
  const lines: PoleLine[] = [];
  let count = 0;
  for (const street of order) {
    if (count >= POLE_TARGET) break;
    const sector: Sector = street.urban
      ? rng.weighted(['power', 'lighting', 'telecom'] as const, [45, 30, 25])
      : rng.weighted(['power', 'lighting', 'telecom'] as const, [60, 10, 30]);
    const owner = sector === 'power' ? evn : sector === 'lighting' ? lighting : rng.pick(telecomOwners);
    const side = rng.chance(0.5) ? 1 : -1;
    const cum = cumulativeM(street.points);
    const total = cum[cum.length - 1]!;
    const lineStatus = rng.weighted(['existing', 'planned', 'under_construction'] as const, [94, 4, 2]);
    const poles: Pole[] = [];
    for (let d = rng.range(5, 25); d < total && count < POLE_TARGET; d += rng.range(40, 60)) {
      const p = pointAlong(street.points, cum, d);
      const q = pointAlong(street.points, cum, Math.min(total, d + 1));
      const dx = q[0] - p[0];
      const dy = q[1] - p[1];
      const len = Math.hypot(dx, dy) || 1;
      const offset = (4 / 110_000) * side;
      let point = round6([p[0] - (dy / len) * offset, p[1] + (dx / len) * offset]);
      if (!land.isLand(point)) point = round6(p);
      if (!land.isLand(point)) continue;
      const material =
        sector === 'lighting'
          ? rng.weighted(['steel', 'concrete', 'composite'] as const, [70, 25, 5])
          : rng.weighted(['concrete', 'steel', 'wood', 'composite'] as const, [
              85,
              6,
              street.urban ? 1 : 6,
              3,
            ]);
      const attachmentsMax =
        sector === 'power' ? rng.int(6, 10) : sector === 'lighting' ? rng.int(2, 4) : rng.int(6, 12);
      const status = lineStatus;
      poles.push({
        id: rng.uuid(),
        code: codes.code(owner, 'COT', 6),
        owner,
        status,
        material,
        sector,
        heightM: num(
          sector === 'power'
            ? rng.pick([8.5, 10, 12, 14])
            : sector === 'lighting'
              ? rng.range(6, 11)
              : rng.range(6.5, 8.5),
        ),
        attachmentsUsed: status === 'existing' ? rng.int(0, attachmentsMax) : 0,
        attachmentsMax,
        point,
      });
      count++;
    }
    if (poles.length > 0) lines.push({ street, sector, poles });
  }
  return lines;
}

export function polesCsv(lines: readonly PoleLine[]): TableCsv {
  const table = new CsvTable('poles', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'material',
    'owner_sector',
    'height_m',
    'attachments_used',
    'attachments_max',
    'geom',
  ]);
  for (const line of lines) {
    for (const p of line.poles) {
      table.add([
        p.id,
        p.code,
        p.owner.id,
        p.status,
        p.material,
        p.sector,
        p.heightM,
        p.attachmentsUsed,
        p.attachmentsMax,
        ewktPoint(p.point),
      ]);
    }
  }
  return table.build();
}

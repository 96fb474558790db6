/**
 * A few technical tunnels and shared trenches along the main (secondary-class) streets of the
 * two old city centres: former Hai Phong (An Biên, Lê Chân, Gia Viên, Ngô Quyền, Hồng Bàng) and
 * TP Hải Dương. Tunnels are the construction department's, shared with power and water.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktLineString, num, pgArray, type TableCsv } from './csv.js';
import type { Point } from './geometry.js';
import { CodeCounter, type Organisation, type Organisations } from './organisations.js';
import type { Rng } from './random.js';
import type { Street } from './streets.js';

const CENTRAL_UNITS = ['11407', '11383', '11359', '11329', '11311', '10525', '10532', '10507'];
const TUNNELS = 8;
const TRENCHES = 8;

export interface TrenchTunnel {
  id: string;
  code: string;
  owner: Organisation;
  status: 'existing' | 'planned' | 'under_construction';
  kind: 'trench' | 'tunnel';
  widthM: number;
  depthM: number;
  sharedWith: string[];
  points: Point[];
}

export function buildTrenchesTunnels(
  streets: readonly Street[],
  units: readonly AdminUnit[],
  orgs: Organisations,
  rng: Rng,
): TrenchTunnel[] {
  const central = new Set(units.filter((u) => CENTRAL_UNITS.includes(u.code)).map((u) => u.index));
  const candidates = rng.shuffle(
    streets.filter((s) => s.streetClass === 'secondary' && central.has(s.unit) && s.lengthM > 600),
  );
  const construction = orgs.byCode.get('SXD-HP')!;
  const codes = new CodeCounter();
  const out: TrenchTunnel[] = [];
  for (const street of candidates.slice(0, TUNNELS + TRENCHES)) {
    const tunnel = out.length < TUNNELS;
    const owner = tunnel ? construction : rng.pick([construction, ...orgs.operators]);
    out.push({
      id: rng.uuid(),
      code: codes.code(owner, tunnel ? 'TUNNEL' : 'HAO', 4),
      owner,
      status: rng.weighted(['existing', 'planned', 'under_construction'] as const, [50, 35, 15]),
      kind: tunnel ? 'tunnel' : 'trench',
      widthM: num(tunnel ? rng.range(2, 3.5) : rng.range(0.4, 1.0)),
      depthM: num(tunnel ? rng.range(2.5, 4.5) : rng.range(0.8, 1.5)),
      sharedWith: tunnel
        ? ['telecom', 'power', 'water', ...(rng.chance(0.5) ? ['lighting'] : [])]
        : ['telecom', ...(rng.chance(0.5) ? ['lighting'] : [])],
      points: street.points,
    });
  }
  return out;
}

export function trenchesTunnelsCsv(items: readonly TrenchTunnel[]): TableCsv {
  const table = new CsvTable('trenches_tunnels', [
    'id',
    'code',
    'owner_org_id',
    'status',
    'kind',
    'width_m',
    'depth_m',
    'shared_with',
    'geom',
  ]);
  for (const t of items) {
    table.add([
      t.id,
      t.code,
      t.owner.id,
      t.status,
      t.kind,
      t.widthM,
      t.depthM,
      pgArray(t.sharedWith),
      ewktLineString(t.points),
    ]);
  }
  return table.build();
}

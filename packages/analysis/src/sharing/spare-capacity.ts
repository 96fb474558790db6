/**
 * Spare capacity of ducts (free tubes) and pole lines (free attachments) by segment, and the
 * continuous spare paths they form. Poles are points in the register: a pole line's spans are
 * inferred by linking each pole to its nearest poles of the same owner within a span length.
 */
import Flatbush from 'flatbush';
import { degreesFor, type LngLat, localDistanceM } from './metric.js';

export type SpareClass = 'none' | 'low' | 'medium' | 'high';

/**
 * The map class of a segment by free tubes or attachments: none (0, full), low (1: room for one
 * more cable), medium (2–4), high (≥ 5). Each cable takes one tube or one attachment.
 */
export function spareClassOf(free: number): SpareClass {
  if (free <= 0) return 'none';
  if (free === 1) return 'low';
  return free <= 4 ? 'medium' : 'high';
}

export interface PoleInput {
  id: string;
  ownerOrgId: string;
  position: LngLat;
  attachmentsUsed: number;
  attachmentsMax: number;
}

export interface PoleSpan {
  /** The two poles, the smaller id first. */
  fromPoleId: string;
  toPoleId: string;
  ownerOrgId: string;
  coordinates: [LngLat, LngLat];
  lengthM: number;
  /** Attachments free along the span: the fewer of its two poles'. */
  attachmentsFree: number;
}

/** Default longest span between two poles, metres (poles stand 40–60 m apart along a street). */
export const DEFAULT_MAX_SPAN_M = 70;

/**
 * Spans of the pole lines: each pole joins its (up to) two nearest poles of the same owner within
 * `maxSpanM` metres — the neighbours on either side along a line.
 */
export function poleSpans(poles: readonly PoleInput[], maxSpanM = DEFAULT_MAX_SPAN_M): PoleSpan[] {
  if (poles.length < 2) return [];
  const index = new Flatbush(poles.length);
  for (const p of poles) index.add(p.position[0], p.position[1], p.position[0], p.position[1]);
  index.finish();
  const seen = new Set<string>();
  const spans: PoleSpan[] = [];
  poles.forEach((pole, i) => {
    const { dLng, dLat } = degreesFor(maxSpanM, pole.position[1]);
    const near = index
      .search(
        pole.position[0] - dLng,
        pole.position[1] - dLat,
        pole.position[0] + dLng,
        pole.position[1] + dLat,
      )
      .filter((j) => j !== i && (poles[j] as PoleInput).ownerOrgId === pole.ownerOrgId)
      .map((j) => ({ j, d: localDistanceM(pole.position, (poles[j] as PoleInput).position) }))
      .filter((n) => n.d <= maxSpanM && n.d > 0)
      .sort((a, b) => a.d - b.d);
    // The nearest neighbour, and the nearest one on the other side of the pole (angle > 90°).
    const first = near[0];
    if (!first) return;
    const chosen = [first];
    const fp = (poles[first.j] as PoleInput).position;
    for (const n of near.slice(1)) {
      const np = (poles[n.j] as PoleInput).position;
      const dot =
        (fp[0] - pole.position[0]) * (np[0] - pole.position[0]) +
        (fp[1] - pole.position[1]) * (np[1] - pole.position[1]);
      if (dot < 0) {
        chosen.push(n);
        break;
      }
    }
    for (const { j, d } of chosen) {
      const other = poles[j] as PoleInput;
      const [a, b] = pole.id < other.id ? [pole, other] : [other, pole];
      const key = `${a.id}|${b.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      spans.push({
        fromPoleId: a.id,
        toPoleId: b.id,
        ownerOrgId: pole.ownerOrgId,
        coordinates: [a.position, b.position],
        lengthM: Math.round(d * 10) / 10,
        attachmentsFree: Math.min(a.attachmentsMax - a.attachmentsUsed, b.attachmentsMax - b.attachmentsUsed),
      });
    }
  });
  return spans;
}

export interface SpareSegment {
  id: string;
  kind: 'duct' | 'pole_span';
  ownerOrgId: string;
  coordinates: LngLat[];
  lengthM: number;
  /** Free tubes (ducts) or attachments (pole spans). */
  free: number;
}

export interface SparePath {
  kind: 'duct' | 'pole_span';
  segmentIds: string[];
  ownerOrgIds: string[];
  lengthM: number;
  /** The fewest free tubes or attachments on the path: how many cables fit end to end. */
  minFree: number;
}

/** Positions closer than ~1 cm are the same node. */
const nodeKey = (p: LngLat) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;

/**
 * Continuous spare paths: segments of one kind with room (free > 0) joined end to end, as
 * connected groups, longest first. A cable can run along a path without new civil works.
 */
export function sparePaths(segments: readonly SpareSegment[]): SparePath[] {
  const usable = segments.filter((s) => s.free > 0 && s.coordinates.length >= 2);
  const parent = usable.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const byNode = new Map<string, number>();
  usable.forEach((s, i) => {
    for (const end of [s.coordinates[0] as LngLat, s.coordinates[s.coordinates.length - 1] as LngLat]) {
      const key = `${s.kind}@${nodeKey(end)}`;
      const other = byNode.get(key);
      if (other === undefined) byNode.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, SpareSegment[]>();
  usable.forEach((s, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(s);
    groups.set(root, list);
  });
  return [...groups.values()]
    .map((list) => ({
      kind: (list[0] as SpareSegment).kind,
      segmentIds: list.map((s) => s.id).sort(),
      ownerOrgIds: [...new Set(list.map((s) => s.ownerOrgId))].sort(),
      lengthM: Math.round(list.reduce((sum, s) => sum + s.lengthM, 0) * 10) / 10,
      minFree: Math.min(...list.map((s) => s.free)),
    }))
    .sort((a, b) => b.lengthM - a.lengthM || (a.segmentIds[0] ?? '').localeCompare(b.segmentIds[0] ?? ''));
}

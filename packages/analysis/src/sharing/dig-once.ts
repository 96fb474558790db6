/**
 * Dig-once matching: planned telecom works (ducts, underground cable routes, plan items) and other
 * sectors' civil works (road, power, water, lighting, drainage) that run alongside each other —
 * within `bufferM` metres over at least `minSharedM` metres — in overlapping schedule windows.
 * Each match is a notice for both organisations: who coordinates with whom, where (the shared
 * stretch of the telecom work) and when (the overlap of the windows). Civil works are found
 * through a spatial index (Flatbush over their bounding boxes), not by testing every pair.
 */
import Flatbush from 'flatbush';
import { alongsideRuns, nearLine } from './line-proximity.js';
import { type LngLat, lineBBox, planarFrame } from './metric.js';

export interface ScheduledWork {
  id: string;
  ownerOrgId: string;
  coordinates: readonly LngLat[];
  /** Schedule window, inclusive, `YYYY-MM-DD`. */
  startsOn: string;
  endsOn: string;
}

export interface TelecomWork extends ScheduledWork {
  kind: 'duct' | 'cable_route' | 'plan_item';
}

export interface CivilWork extends ScheduledWork {
  sector: string;
}

export interface DigOnceOptions {
  /** Default 15 m. */
  bufferM?: number;
  /** Default 50 m. */
  minSharedM?: number;
}

export interface DigOnceMatch {
  telecomWorkId: string;
  telecomKind: TelecomWork['kind'];
  telecomOrgId: string;
  civilWorkId: string;
  civilOrgId: string;
  sector: string;
  /** Length of the telecom work alongside the civil work, metres. */
  sharedLengthM: number;
  /** The shared stretches (MultiLineString coordinates along the telecom work). */
  shared: LngLat[][];
  /** When both are under way: the overlap of the two windows. */
  window: { startsOn: string; endsOn: string };
}

/** Every telecom × civil work pair that runs alongside in overlapping windows, longest shared first. */
export function digOnceMatches(
  telecom: readonly TelecomWork[],
  civil: readonly CivilWork[],
  options: DigOnceOptions = {},
): DigOnceMatch[] {
  const bufferM = options.bufferM ?? 15;
  const minSharedM = options.minSharedM ?? 50;
  if (civil.length === 0 || telecom.length === 0) return [];
  const index = new Flatbush(civil.length);
  for (const w of civil) {
    const [a, b, c, d] = lineBBox(w.coordinates);
    index.add(a, b, c, d);
  }
  index.finish();
  const matches: DigOnceMatch[] = [];
  for (const t of telecom) {
    const [minX, minY, maxX, maxY] = lineBBox(t.coordinates);
    const frame = planarFrame((minY + maxY) / 2);
    const dx = bufferM / frame.kx;
    const dy = bufferM / frame.ky;
    for (const i of index.search(minX - dx, minY - dy, maxX + dx, maxY + dy)) {
      const w = civil[i] as CivilWork;
      // ISO dates compare as text.
      const startsOn = [t.startsOn, w.startsOn].sort()[1] as string;
      const endsOn = [t.endsOn, w.endsOn].sort()[0] as string;
      if (startsOn > endsOn) continue;
      const runs = alongsideRuns(t.coordinates, nearLine(w.coordinates, bufferM, frame), frame);
      const sharedLengthM = Math.round(runs.reduce((s, r) => s + r.lengthM, 0) * 10) / 10;
      if (sharedLengthM < minSharedM) continue;
      matches.push({
        telecomWorkId: t.id,
        telecomKind: t.kind,
        telecomOrgId: t.ownerOrgId,
        civilWorkId: w.id,
        civilOrgId: w.ownerOrgId,
        sector: w.sector,
        sharedLengthM,
        shared: runs.map((r) => r.coordinates),
        window: { startsOn, endsOn },
      });
    }
  }
  return matches.sort(
    (a, b) =>
      b.sharedLengthM - a.sharedLengthM ||
      a.telecomWorkId.localeCompare(b.telecomWorkId) ||
      a.civilWorkId.localeCompare(b.civilWorkId),
  );
}

export interface DigOnceNotice {
  /** The organisation the notice is for. */
  orgId: string;
  /** telecom: it plans the telecom work; civil: it runs the civil work. */
  role: 'telecom' | 'civil';
  /** Whom to coordinate with. */
  counterpartOrgId: string;
  match: DigOnceMatch;
}

/** The notices of each match for both organisations (optionally only those for `orgId`). */
export function digOnceNotices(matches: readonly DigOnceMatch[], orgId?: string): DigOnceNotice[] {
  const notices: DigOnceNotice[] = [];
  for (const match of matches) {
    notices.push({ orgId: match.telecomOrgId, role: 'telecom', counterpartOrgId: match.civilOrgId, match });
    notices.push({ orgId: match.civilOrgId, role: 'civil', counterpartOrgId: match.telecomOrgId, match });
  }
  return orgId ? notices.filter((n) => n.orgId === orgId) : notices;
}

/**
 * Pure logic of the permits panel: check results as map features, the statutory period's display,
 * the checks' summary and the bounds to zoom to. Coordinates WGS 84 `[lng, lat]`.
 */
import type { PermitCheckResult } from '@hatang/contracts';
import type { CheckGeometry, LngLat, PermitApplication, PermitCheck } from './permits-api';

/** Colours by check result (fail red, warn orange, pass green); shared by the map and the legend. */
export const RESULT_COLOURS: Record<PermitCheckResult, string> = {
  fail: '#dc2626',
  warn: '#f97316',
  pass: '#16a34a',
  exempt: '#16a34a',
  not_applicable: '#94a3b8',
};

/** Worst first: the order of the check list and of the summary. */
export const RESULT_ORDER: readonly PermitCheckResult[] = [
  'fail',
  'warn',
  'pass',
  'exempt',
  'not_applicable',
];

type Feature = {
  type: 'Feature';
  geometry: CheckGeometry | PermitApplication['geometry'];
  properties: Record<string, string | number>;
};
export type FeatureCollection = { type: 'FeatureCollection'; features: Feature[] };

/**
 * Each check that carries a proving geometry as one feature, with its result, colour and reason in
 * `lang`; checks without geometry are left out. Drawn worst last, so a fail lies on top.
 */
export function checkFeatures(
  checks: readonly PermitCheck[] | null,
  lang: 'vi' | 'en',
  focused: string | null = null,
): FeatureCollection {
  const rank = (r: PermitCheckResult) => RESULT_ORDER.indexOf(r);
  const features = (checks ?? [])
    .filter((c): c is PermitCheck & { geometry: CheckGeometry } => !!c.geometry && hasCoordinates(c.geometry))
    .sort((a, b) => rank(b.result) - rank(a.result))
    .map(
      (c): Feature => ({
        type: 'Feature',
        geometry: c.geometry,
        properties: {
          check: c.check,
          result: c.result,
          colour: RESULT_COLOURS[c.result],
          reason: c.reason[lang],
          focused: c.check === focused ? 1 : 0,
        },
      }),
    );
  return { type: 'FeatureCollection', features };
}

function hasCoordinates(g: CheckGeometry): boolean {
  return Array.isArray(g.coordinates) && g.coordinates.length > 0;
}

/** The application's own geometry as a one-feature collection (the works applied for). */
export function applicationFeatures(a: PermitApplication | null): FeatureCollection | null {
  if (!a) return null;
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: a.geometry, properties: { id: a.id, kind: a.kind } }],
  };
}

/** Counts by result, worst first, leaving out results that do not occur. */
export function checkSummary(
  checks: readonly PermitCheck[] | null,
): { result: PermitCheckResult; count: number }[] {
  const counts = new Map<PermitCheckResult, number>();
  for (const c of checks ?? []) counts.set(c.result, (counts.get(c.result) ?? 0) + 1);
  return RESULT_ORDER.filter((r) => counts.has(r)).map((r) => ({ result: r, count: counts.get(r) ?? 0 }));
}

/** The checks sorted worst first (fail, warn, pass, exempt, not applicable), stable otherwise. */
export function sortedChecks(checks: readonly PermitCheck[] | null): PermitCheck[] {
  const rank = (r: PermitCheckResult) => RESULT_ORDER.indexOf(r);
  return [...(checks ?? [])].sort((a, b) => rank(a.result) - rank(b.result));
}

/** Every `[lng, lat]` position in a GeoJSON coordinates array, however nested. */
function positions(coordinates: unknown, out: LngLat[] = []): LngLat[] {
  if (!Array.isArray(coordinates)) return out;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    out.push([coordinates[0], coordinates[1]]);
    return out;
  }
  for (const c of coordinates) positions(c, out);
  return out;
}

/**
 * West, south, east, north around the application and the checks' geometries near it. A proving
 * geometry more than `maxSpanDeg` away (e.g. the airport-height line from Cát Bi's reference point
 * for a tower across the city) would zoom the map out too far: those are left out of the bounds.
 */
export function boundsOf(
  a: PermitApplication,
  checks: readonly PermitCheck[] | null,
  maxSpanDeg = 0.02,
  more: readonly { coordinates: unknown }[] = [],
): [number, number, number, number] {
  const own = positions(a.geometry.coordinates);
  const [x0, y0] = own[0] ?? [0, 0];
  const near = (p: LngLat) => Math.abs(p[0] - x0) <= maxSpanDeg && Math.abs(p[1] - y0) <= maxSpanDeg;
  const others = [...(checks ?? []).map((c) => c.geometry), ...more];
  const all = [...own, ...others.flatMap((g) => positions(g?.coordinates).filter(near))];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * The box to show one check's proving geometry with the works it is about: [w, s, e, n] degrees,
 * or null when the check has no geometry (a check on attributes alone).
 */
export function checkBounds(
  a: PermitApplication,
  check: PermitCheck | undefined,
): [number, number, number, number] | null {
  if (!check?.geometry || !hasCoordinates(check.geometry)) return null;
  return boundsOf(a, [check], Number.POSITIVE_INFINITY);
}

/** Default statutory period for a construction permit, days (used until the API sends `dueAt`). */
export const DEFAULT_PERIOD_DAYS = 20;
const DAY_MS = 86_400_000;
/** Statuses in which the reviewer still owes an answer (the clock runs). */
const PENDING: ReadonlySet<string> = new Set(['submitted']);

export interface DueState {
  /** Calendar days since submission (to the decision once decided), or null before submission. */
  daysElapsed: number | null;
  /** The statutory period, days. */
  periodDays: number;
  /** When the statutory period ends (ISO), or null. */
  dueAt: string | null;
  /** Past the period while still waiting for a decision. */
  overdue: boolean;
  /** Calendar days (Vietnam time) from today to the deadline's day (negative when overdue), or null when the clock does not run. */
  daysLeft: number | null;
  /** Days the deadline moved because the period ended on a weekend (0, 1 or 2). */
  weekendDays: number;
}

/** The calendar day number of an instant in Vietnam time (UTC+7, no daylight saving). */
const vietnamDay = (ms: number) => Math.floor((ms + 7 * 3_600_000) / DAY_MS);

/**
 * Where an application stands against the statutory period: the API's `daysElapsed`/`dueAt`/
 * `overdue`/`statutoryPeriodDays` when it sends them, otherwise worked out from `submittedAt` with
 * `periodDays`. The clock runs only while the application waits for the reviewer (submitted).
 */
export function dueState(a: PermitApplication, now: Date, periodDays = DEFAULT_PERIOD_DAYS): DueState {
  const period = a.statutoryPeriodDays ?? periodDays;
  if (!a.submittedAt)
    return {
      daysElapsed: null,
      periodDays: period,
      dueAt: null,
      overdue: false,
      daysLeft: null,
      weekendDays: 0,
    };
  const submitted = Date.parse(a.submittedAt);
  const end = a.decidedAt ? Date.parse(a.decidedAt) : now.getTime();
  const daysElapsed = a.daysElapsed ?? Math.max(0, Math.floor((end - submitted) / DAY_MS));
  const dueAt = a.dueAt ?? new Date(submitted + period * DAY_MS).toISOString();
  const running = PENDING.has(a.status);
  // Whole days on the calendar, as the applicant counts them: "còn 6 ngày" means the 6th day from today.
  const daysLeft = running ? vietnamDay(Date.parse(dueAt)) - vietnamDay(now.getTime()) : null;
  const overdue = running && (a.overdue ?? now.getTime() > Date.parse(dueAt));
  const weekendDays = Math.max(0, vietnamDay(Date.parse(dueAt)) - vietnamDay(submitted) - period);
  return { daysElapsed, periodDays: period, dueAt, overdue, daysLeft, weekendDays };
}

/** `[lng, lat]` from "lng, lat" text (comma, semicolon or space separated), or null. */
export function parseLngLat(text: string): LngLat | null {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lng, lat] = parts as [number, number];
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return [lng, lat];
}

/** A line's vertices from text, one "lng, lat" per line (or separated by `|`); null if any is bad. */
export function parseLine(text: string): LngLat[] | null {
  const rows = text
    .split(/[\n|]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  const points = rows.map(parseLngLat);
  if (points.length < 2 || points.some((p) => p === null)) return null;
  return points as LngLat[];
}

/** Points are shown in the app's one order, lng, lat (lib/format). */
export { formatLngLat } from '../../lib/format';

/** Colours of the context layers: the sharing circle and the towers that could host, the airport. */
export const CONTEXT_COLOURS = {
  sharing: '#2563eb',
  host: '#2563eb',
  blocked: '#64748b',
  airport: '#7c3aed',
  zone: '#0f766e',
  civilWork: '#92400e',
};

/** A zone or civil work near the works, as the API lists them (GeoJSON features). */
export interface ContextFeature {
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

/** A closed ring of `radiusM` metres around `centre` (local planar metric, fine below ~50 km). */
export function circleRing(centre: LngLat, radiusM: number, steps = 64): LngLat[] {
  const mPerDegLat = 111_132.954;
  const mPerDegLng = 111_319.49 * Math.cos((centre[1] * Math.PI) / 180);
  const ring: LngLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((i % steps) / steps) * 2 * Math.PI;
    ring.push([
      centre[0] + (radiusM * Math.cos(a)) / mPerDegLng,
      centre[1] + (radiusM * Math.sin(a)) / mPerDegLat,
    ]);
  }
  return ring;
}

/** The towers near a proposed tower as the sharing API answers (`POST /sharing/towers/nearby`). */
export interface NearbyTowers {
  point: LngLat;
  sharingDistanceM: number;
  candidates: { towerId: string; towerCode: string | null; position: LngLat; distanceM: number }[];
  blocked?: { towerId: string; towerCode: string | null; position?: LngLat }[];
}

/** The airport's height-limit surfaces: reference point `[lng, lat]`, radii in metres. */
export interface AirportSurfaces {
  referencePoint: LngLat;
  /** When set, the surfaces are measured from this runway centreline (racetracks), not the point. */
  runwayThresholds?: [LngLat, LngLat] | null;
  innerRadiusM: number;
  conicalOuterRadiusM: number;
}

/**
 * The points within `radiusM` metres of the segment `a`–`b` (a racetrack: two half circles joined
 * by straight sides) as a closed ring; local planar metric around `a`.
 */
export function racetrackRing(a: LngLat, b: LngLat, radiusM: number, stepsPerHalf = 32): LngLat[] {
  const mx = 111_319.49 * Math.cos((a[1] * Math.PI) / 180);
  const my = 111_132.954;
  const bx = (b[0] - a[0]) * mx;
  const by = (b[1] - a[1]) * my;
  const heading = Math.atan2(by, bx);
  const ring: LngLat[] = [];
  const arc = (cx: number, cy: number, from: number) => {
    for (let i = 0; i <= stepsPerHalf; i++) {
      const t = from + (i / stepsPerHalf) * Math.PI;
      ring.push([a[0] + (cx + radiusM * Math.cos(t)) / mx, a[1] + (cy + radiusM * Math.sin(t)) / my]);
    }
  };
  arc(bx, by, heading - Math.PI / 2);
  arc(0, 0, heading + Math.PI / 2);
  ring.push(ring[0] as LngLat);
  return ring;
}

/**
 * The context the checks bring, as map features: zones and civil works near the works, the
 * sharing circle and the towers that could host (from the sharing API), and the airport's inner
 * horizontal and conical surfaces when the works lie within `nearAirportM` of its reference point.
 */
export function contextFeatures(
  a: PermitApplication,
  nearby: NearbyTowers | null,
  airport: AirportSurfaces | null,
  nearAirportM = 10_000,
  zones: readonly ContextFeature[] = [],
  civilWorks: readonly ContextFeature[] = [],
): FeatureCollection {
  const features: Feature[] = [];
  const own = positions(a.geometry.coordinates);
  const [x0, y0] = own[0] ?? [0, 0];
  // Zones and civil works within about 1 km (0.01°) of the works' first point.
  const close = (g: ContextFeature['geometry']) =>
    !!g && positions(g.coordinates).some((p) => Math.abs(p[0] - x0) <= 0.01 && Math.abs(p[1] - y0) <= 0.01);
  for (const [role, colour, list] of [
    ['zone', CONTEXT_COLOURS.zone, zones],
    ['civil-work', CONTEXT_COLOURS.civilWork, civilWorks],
  ] as const)
    for (const f of list)
      if (f.geometry && close(f.geometry))
        features.push({
          type: 'Feature',
          geometry: f.geometry as CheckGeometry,
          properties: { role, colour, name: String(f.properties.name ?? f.properties.kind ?? '') },
        });
  if (nearby) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [circleRing(nearby.point, nearby.sharingDistanceM)] },
      properties: { role: 'sharing-circle', colour: CONTEXT_COLOURS.sharing },
    });
    for (const c of nearby.candidates)
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: c.position },
        properties: { role: 'host', colour: CONTEXT_COLOURS.host, code: c.towerCode ?? c.towerId },
      });
    for (const b of nearby.blocked ?? [])
      if (b.position)
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: b.position },
          properties: { role: 'blocked', colour: CONTEXT_COLOURS.blocked, code: b.towerCode ?? b.towerId },
        });
  }
  const at = own[0];
  const runway = airport?.runwayThresholds ?? null;
  const fromAirportM = (p: LngLat) =>
    runway
      ? Math.min(
          planarDistanceM(runway[0], p),
          planarDistanceM(runway[1], p),
          planarDistanceM(airport?.referencePoint ?? p, p),
        )
      : planarDistanceM(airport?.referencePoint ?? p, p);
  if (airport && at && fromAirportM(at) <= nearAirportM) {
    for (const [role, r] of [
      ['airport-inner', airport.innerRadiusM],
      ['airport-conical', airport.conicalOuterRadiusM],
    ] as const)
      features.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            runway ? racetrackRing(runway[0], runway[1], r) : circleRing(airport.referencePoint, r, 96),
          ],
        },
        properties: { role, colour: CONTEXT_COLOURS.airport },
      });
    if (runway)
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: runway },
        properties: { role: 'runway', colour: CONTEXT_COLOURS.airport },
      });
  }
  return { type: 'FeatureCollection', features };
}

/** Distance in metres between two nearby points (local planar metric). */
export function planarDistanceM(p: LngLat, q: LngLat): number {
  const dx = (q[0] - p[0]) * 111_319.49 * Math.cos((((p[1] + q[1]) / 2) * Math.PI) / 180);
  const dy = (q[1] - p[1]) * 111_132.954;
  return Math.hypot(dx, dy);
}

/** The largest attachment the API takes, bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const ATTACHMENT_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
/** CAD drawings: browsers give them no type or a made-up one, so their name decides. */
const DRAWING_EXTENSIONS = /\.(dxf|dwg)$/i;

/**
 * Why a file cannot be attached, before sending it: `size` over 10 MiB, `type` not a PDF, JPEG or
 * PNG (by its declared type, or its name when the browser gives none) nor a DXF or DWG drawing (by
 * its name); null when it may go (the server still checks its first bytes).
 */
export function attachmentProblem(file: {
  name: string;
  size: number;
  type: string;
}): 'size' | 'type' | null {
  if (file.size > MAX_ATTACHMENT_BYTES) return 'size';
  if (DRAWING_EXTENSIONS.test(file.name)) return null;
  const typed = file.type ? ATTACHMENT_TYPES.has(file.type) : ATTACHMENT_EXTENSIONS.test(file.name);
  return typed ? null : 'type';
}

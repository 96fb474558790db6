/**
 * The dig-once inputs: planned telecom works and other sectors' civil works. Register ducts and
 * cable routes carry no dates, so a planned or under-construction one is taken to be dug within
 * the request's window (`from` for `horizonMonths`); a plan item of an approved plan version takes
 * its phase ('2026-2027' → 1 Jan 2026 – 31 Dec 2027), or the request's window without one.
 */
import type { LngLat, TelecomWork } from '@hatang/analysis';
import type { Sql } from '@hatang/db';
import { loadCableRoutes, loadDucts } from './network-repository.js';

export interface Window {
  startsOn: string;
  endsOn: string;
}

/** `from` + `months` (inclusive end: the day before the same date `months` later). */
export function windowFrom(from: string, months: number): Window {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d - 1));
  return { startsOn: from, endsOn: end.toISOString().slice(0, 10) };
}

export function phaseWindow(phase: string | null, fallback: Window): Window {
  const match = phase ? /^(\d{4})-(\d{4})$/.exec(phase) : null;
  return match ? { startsOn: `${match[1]}-01-01`, endsOn: `${match[2]}-12-31` } : fallback;
}

export interface TelecomWorkRow extends TelecomWork {
  code: string | null;
}

export async function loadTelecomWorks(sql: Sql, window: Window): Promise<TelecomWorkRow[]> {
  const statuses = ['planned', 'under_construction'];
  const [ducts, cables, items] = await Promise.all([
    loadDucts(sql, statuses),
    loadCableRoutes(sql, { statuses, placements: ['underground'] }),
    sql.query<{ id: string; name: string | null; org: string; phase: string | null; geometry: string }>(
      `SELECT i.id::text, i.name, i.responsible_org_id::text AS org, i.phase, ST_AsGeoJSON(i.geom, 7)::text AS geometry
       FROM plan_items i JOIN plan_versions v ON v.id = i.plan_version_id
       WHERE v.kind = 'approved' AND i.kind IN ('duct_route', 'trench', 'tunnel', 'undergrounding')
         AND i.status IN ('planned', 'under_construction') AND i.responsible_org_id IS NOT NULL
       ORDER BY i.id`,
    ),
  ]);
  return [
    ...ducts.map((d) => ({
      id: d.id,
      code: d.code,
      kind: 'duct' as const,
      ownerOrgId: d.ownerOrgId,
      coordinates: d.coordinates,
      ...window,
    })),
    ...cables.map((c) => ({
      id: c.id,
      code: c.code,
      kind: 'cable_route' as const,
      ownerOrgId: c.ownerOrgId,
      coordinates: c.coordinates,
      ...window,
    })),
    ...items.map((i) => ({
      id: i.id,
      code: i.name,
      kind: 'plan_item' as const,
      ownerOrgId: i.org,
      coordinates: (JSON.parse(i.geometry) as { coordinates: LngLat[] }).coordinates,
      ...phaseWindow(i.phase, window),
    })),
  ];
}

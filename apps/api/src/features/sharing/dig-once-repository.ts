/**
 * The dig-once inputs: planned telecom works and other sectors' civil works. Register ducts and
 * cable routes carry no dates, so a planned or under-construction one is taken to be dug within
 * the request's window (`from` for `horizonMonths`); a plan item of an approved plan version takes
 * its phase ('2026-2027' → 1 Jan 2026 – 31 Dec 2027), or the request's window without one.
 */
import type { LngLat, TelecomWork } from '@hatang/analysis';
import { geoJson, orm, type Sql } from '@hatang/db';
import { planItems, planVersions } from '@hatang/db/schema';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
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

export async function loadTelecomWorks(db: Sql, window: Window): Promise<TelecomWorkRow[]> {
  const statuses = ['planned', 'under_construction'];
  const [ducts, cables, items] = await Promise.all([
    loadDucts(db, statuses),
    loadCableRoutes(db, { statuses, placements: ['underground'] }),
    orm(db)
      .select({
        id: planItems.id,
        name: planItems.name,
        org: planItems.responsibleOrgId,
        phase: planItems.phase,
        geometry: geoJson(planItems.geom, 7),
      })
      .from(planItems)
      .innerJoin(planVersions, eq(planVersions.id, planItems.planVersionId))
      .where(
        and(
          eq(planVersions.kind, 'approved'),
          inArray(planItems.kind, ['duct_route', 'trench', 'tunnel', 'undergrounding']),
          inArray(planItems.status, ['planned', 'under_construction']),
          isNotNull(planItems.responsibleOrgId),
        ),
      )
      .orderBy(asc(planItems.id)),
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
      // Selected where not null; the plan item kinds selected are drawn as lines.
      ownerOrgId: i.org ?? '',
      coordinates: ('coordinates' in i.geometry ? i.geometry.coordinates : []) as unknown as LngLat[],
      ...phaseWindow(i.phase, window),
    })),
  ];
}

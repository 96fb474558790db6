import type {
  LineStringGeometry,
  MultiPolygonGeometry,
  PlanCheckResult,
  PlanZoneKind,
  PolygonGeometry,
} from '@hatang/contracts';
import { area, buffer, featureCollection, intersect, lineString, polygon } from '@turf/turf';

/** A zone as the checks need it: id, kind, name and its polygon (WGS 84 `[lng, lat]`). */
export interface ZoneInput {
  id: string;
  kind: PlanZoneKind;
  name: string;
  geometry: PolygonGeometry;
}

/**
 * Why a submarine cable corridor must keep out of each kind of sea zone: anchors and trawls are
 * what break submarine cables (legal: icpc-recommendations, not read). No Vietnamese rule on cable
 * protection corridors was read for this project: the corridor's width is the cable's own
 * attribute, not a rule's figure.
 */
const SEA_ZONE_RISK: Partial<Record<PlanZoneKind, string>> = {
  anchorage: 'ships anchoring there can drag their anchors across the cable',
  shipping_channel: 'dredging and anchoring in an emergency in the channel can hit the cable',
  aquaculture: 'fish-farm moorings and nets conflict with the cable protection corridor',
  protected_area: 'laying a cable disturbs the protected seabed',
};

/**
 * Sea zones the protection corridor of a submarine cable route overlaps. The corridor is the route
 * buffered by half the protection width each side; each overlap is a warning carrying the overlap
 * polygon and its area in m². Zones other than sea zones are ignored.
 */
export function corridorZoneConflicts(
  route: LineStringGeometry,
  protectionWidthM: number,
  zones: readonly ZoneInput[],
): PlanCheckResult[] {
  const corridor = buffer(lineString(route.coordinates), Math.max(protectionWidthM / 2, 0.5), {
    units: 'meters',
    steps: 8,
  });
  if (!corridor) return [];
  const results: PlanCheckResult[] = [];
  for (const zone of zones) {
    const risk = SEA_ZONE_RISK[zone.kind];
    if (!risk) continue;
    const overlap = intersect(featureCollection([corridor, polygon(zone.geometry.coordinates)]));
    if (!overlap) continue;
    const areaM2 = Math.round(area(overlap));
    results.push({
      check: 'corridor_sea_zone',
      severity: 'warning',
      message: `The ${protectionWidthM} m protection corridor crosses ${zone.kind.replace('_', ' ')} "${zone.name}" (${areaM2} m²): ${risk}`,
      zoneId: zone.id,
      areaM2,
      geometry: overlap.geometry as PolygonGeometry | MultiPolygonGeometry,
    });
  }
  return results;
}

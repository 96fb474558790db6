/**
 * Open Fibre Data Standard (OFDS 0.3) export of the fiber network in its GeoJSON publication
 * format: two FeatureCollections, nodes and spans. Spans are the fiber cable routes; nodes are
 * their endpoints — the manhole within 5 m of an end when there is one, else a node at the end
 * itself (shared by every route ending at the same point). Attributes the viewer may not see
 * (e.g. core counts of other operators' cables) are left out, as in the REST API.
 */
import { cableRoutes, manholes } from '@hatang/contracts';
import { type Database, geoJson, orm, toPgTextArray } from '@hatang/db';
import { cableRoutes as cableRouteTable, manholes as manholeTable, organisations } from '@hatang/db/schema';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Position } from 'geojson';
import type { Principal } from '../../auth/principal.js';
import { redactFeature } from '../../policy/confidentiality.js';

/** The network's stable id (OFDS wants a UUID): Hatang's Hai Phong register. */
export const OFDS_NETWORK_ID = '6f2c1a3e-5b7d-4c8e-9a1f-3d5e7b9c0a21';

const STATUS: Record<string, string> = {
  existing: 'operational',
  planned: 'planned',
  under_construction: 'underConstruction',
  decommissioned: 'decommissioned',
};
const DEPLOYMENT: Record<string, string> = {
  underground: 'belowGround',
  aerial: 'aboveGround',
  submarine: 'underwater',
};

function network() {
  return {
    id: OFDS_NETWORK_ID,
    name: 'Hatang — Hai Phong passive telecom infrastructure',
    publisher: { name: 'Hatang' },
    collectionDate: new Date().toISOString().slice(0, 10),
    crs: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' },
    links: [
      {
        rel: 'describedby',
        href: 'https://raw.githubusercontent.com/Open-Telecoms-Data/open-fibre-data-standard/0__3__0/schema/network-schema.json',
      },
    ],
  };
}

/** A manhole's id as text, or null where no manhole is near. */
type ManholeId = string | null;

/** A node at a route's end (`[lng, lat]`), one id for every route ending at that point. */
const endpointId = ([lng = 0, lat = 0]: Position) => `endpoint-${lng.toFixed(6)}-${lat.toFixed(6)}`;

export async function ofdsExport(
  db: Database,
  principal: Principal | undefined,
  bbox?: [number, number, number, number],
) {
  const route = cableRouteTable;
  const manhole = manholeTable;
  /** The id of the manhole within 5 m of a route's end (the nearest), or null. */
  const nearestManhole = (end: SQL) =>
    sql<ManholeId>`(SELECT ${manhole.id}::text FROM ${manhole} WHERE ${manhole.geom} && ST_Expand(${end}, 0.0001)
       AND ST_DWithin(${manhole.geom}::geography, ${end}::geography, 5) ORDER BY ${manhole.geom} <-> ${end} LIMIT 1)`;
  const routes = await orm(db)
    .select({
      id: route.id,
      code: route.code,
      status: route.status,
      placement: route.placement,
      coreCount: route.coreCount,
      ownerOrgId: route.ownerOrgId,
      ownerName: organisations.name,
      geometry: geoJson(route.geom, 7),
      startManhole: nearestManhole(sql`ST_StartPoint(${route.geom})`),
      endManhole: nearestManhole(sql`ST_EndPoint(${route.geom})`),
    })
    .from(route)
    .innerJoin(organisations, eq(organisations.id, route.ownerOrgId))
    .where(
      and(
        eq(route.cableType, 'fiber'),
        bbox
          ? sql`${route.geom} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`
          : undefined,
      ),
    )
    .orderBy(asc(route.code), asc(route.id));
  const manholeIds = [
    ...new Set(
      routes.flatMap((r) => [r.startManhole, r.endManhole]).filter((id): id is string => id !== null),
    ),
  ];
  const manholeRows = manholeIds.length
    ? await orm(db)
        .select({
          id: manhole.id,
          code: manhole.code,
          status: manhole.status,
          ownerOrgId: manhole.ownerOrgId,
          ownerName: organisations.name,
          geometry: geoJson(manhole.geom, 7),
        })
        .from(manhole)
        .innerJoin(organisations, eq(organisations.id, manhole.ownerOrgId))
        .where(sql`${manhole.id} = ANY(${toPgTextArray(manholeIds)}::uuid[])`)
    : [];
  const net = network();
  const nodes = new Map<string, unknown>();
  for (const m of manholeRows) {
    const visible = redactFeature(
      manholes.path,
      { properties: { code: m.code, ownerOrgId: m.ownerOrgId } },
      principal,
    );
    nodes.set(m.id, {
      type: 'Feature',
      geometry: m.geometry,
      properties: {
        featureType: 'node',
        id: m.id,
        name: typeof visible.properties.code === 'string' ? visible.properties.code : undefined,
        status: STATUS[m.status],
        physicalInfrastructureProvider: { id: m.ownerOrgId, name: m.ownerName },
        network: net,
      },
    });
  }
  const spans = routes.map((r) => {
    const first = r.geometry.coordinates[0] ?? [0, 0];
    const last = r.geometry.coordinates[r.geometry.coordinates.length - 1] ?? [0, 0];
    const ends = [
      [r.startManhole, first],
      [r.endManhole, last],
    ] as const;
    const [start, end] = ends.map(([manhole, at]) => {
      if (manhole) return manhole;
      const id = endpointId(at);
      if (!nodes.has(id)) {
        nodes.set(id, {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: at },
          properties: { featureType: 'node', id, status: STATUS[r.status], network: net },
        });
      }
      return id;
    });
    const visible = redactFeature(
      cableRoutes.path,
      { properties: { code: r.code, coreCount: r.coreCount, ownerOrgId: r.ownerOrgId } },
      principal,
    ).properties;
    return {
      type: 'Feature',
      geometry: r.geometry,
      properties: {
        featureType: 'span',
        id: r.id,
        ...(typeof visible.code === 'string' ? { name: visible.code } : {}),
        status: STATUS[r.status],
        start,
        end,
        directed: false,
        deployment: [DEPLOYMENT[r.placement]],
        physicalInfrastructureProvider: { id: r.ownerOrgId, name: r.ownerName },
        ...(typeof visible.coreCount === 'number' ? { fibreCount: visible.coreCount } : {}),
        network: net,
      },
    };
  });
  return {
    nodes: { type: 'FeatureCollection', features: [...nodes.values()] },
    spans: { type: 'FeatureCollection', features: spans },
  };
}

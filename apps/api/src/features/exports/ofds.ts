/**
 * Open Fibre Data Standard (OFDS 0.3) export of the fiber network in its GeoJSON publication
 * format: two FeatureCollections, nodes and spans. Spans are the fiber cable routes; nodes are
 * their endpoints — the manhole within 5 m of an end when there is one, else a node at the end
 * itself (shared by every route ending at the same point). Attributes the viewer may not see
 * (e.g. core counts of other operators' cables) are left out, as in the REST API.
 */
import { cableRoutes, manholes } from '@hatang/contracts';
import type { Database } from '@hatang/db';
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

interface RouteRow {
  id: string;
  code: string;
  status: string;
  placement: string;
  coreCount: number;
  ownerOrgId: string;
  ownerName: string;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  startManhole: string | null;
  endManhole: string | null;
}
interface ManholeRow {
  id: string;
  code: string;
  status: string;
  ownerOrgId: string;
  ownerName: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
}

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

const endpointId = ([lng, lat]: [number, number]) => `endpoint-${lng.toFixed(6)}-${lat.toFixed(6)}`;

export async function ofdsExport(
  db: Database,
  principal: Principal | undefined,
  bbox?: [number, number, number, number],
) {
  const params: unknown[] = [];
  let where = "r.cable_type = 'fiber'";
  if (bbox) {
    params.push(...bbox);
    where += ' AND r.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)';
  }
  const nearestManhole = (end: string) =>
    `(SELECT m.id::text FROM manholes m WHERE m.geom && ST_Expand(${end}(r.geom), 0.0001)
       AND ST_DWithin(m.geom::geography, ${end}(r.geom)::geography, 5) ORDER BY m.geom <-> ${end}(r.geom) LIMIT 1)`;
  const routes = await db.query<RouteRow>(
    `SELECT r.id::text, r.code, r.status, r.placement, r.core_count AS "coreCount", r.owner_org_id::text AS "ownerOrgId",
       o.name AS "ownerName", ST_AsGeoJSON(r.geom, 7)::json AS geometry,
       ${nearestManhole('ST_StartPoint')} AS "startManhole", ${nearestManhole('ST_EndPoint')} AS "endManhole"
     FROM cable_routes r JOIN organisations o ON o.id = r.owner_org_id WHERE ${where} ORDER BY r.code, r.id`,
    params,
  );
  const manholeIds = [
    ...new Set(
      routes.flatMap((r) => [r.startManhole, r.endManhole]).filter((id): id is string => id !== null),
    ),
  ];
  const manholeRows = manholeIds.length
    ? await db.query<ManholeRow>(
        `SELECT m.id::text, m.code, m.status, m.owner_org_id::text AS "ownerOrgId", o.name AS "ownerName",
           ST_AsGeoJSON(m.geom, 7)::json AS geometry
         FROM manholes m JOIN organisations o ON o.id = m.owner_org_id WHERE m.id = ANY($1::uuid[])`,
        [`{${manholeIds.join(',')}}`],
      )
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

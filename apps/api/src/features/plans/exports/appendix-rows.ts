/**
 * The rows of a plan appendix: one per item of the version (in one commune, or all), grouped as
 * a Vietnamese plan appendix groups them, with VN-2000 X (northing) / Y (easting) of the point or
 * of the line's start and end, length in metres and area in m² (on the ellipsoid).
 */
import type { Geometry, PlanItemKind, PlanItemStatus } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { toVn2000, vn2000Label } from '@hatang/geo';
import {
  APPENDIX_GROUPS,
  describeAttributes,
  ITEM_KIND_LABELS,
  PHASE_LABELS,
  STATUS_LABELS,
} from './export-labels.js';

export interface AppendixRow {
  stt: number;
  name: string;
  kind: string;
  /** Names of every commune the item touches, comma separated. */
  communes: string;
  phase: string;
  status: string;
  organisation: string;
  attributes: string;
  lengthM: number | null;
  areaM2: number | null;
  /** VN-2000 northing (X) of the point, the line's start, or the area's centroid, metres. */
  startX: number | null;
  /** VN-2000 easting (Y), metres. */
  startY: number | null;
  endX: number | null;
  endY: number | null;
  notes: string;
}

export interface AppendixGroup {
  id: string;
  sheet: string;
  title: { vi: string; en: string };
  rows: AppendixRow[];
}

interface ItemRow {
  kind: PlanItemKind;
  name: string | null;
  phase: string | null;
  status: PlanItemStatus;
  notes: string | null;
  attributes: Record<string, unknown>;
  organisation: string | null;
  communes: string | null;
  lengthM: number | null;
  areaM2: number | null;
  geometry: Geometry;
  anchor: { coordinates: [number, number] };
}

const KIND_ORDER = APPENDIX_GROUPS.flatMap((g) => g.kinds);

/** VN-2000 survey X/Y to the centimetre; null far outside the zone (no meaningful TM-3 value). */
const survey = (lngLat: readonly [number, number]): { X: number | null; Y: number | null } => {
  try {
    const { X, Y } = vn2000Label(toVn2000(lngLat));
    return { X: Math.round(X * 100) / 100, Y: Math.round(Y * 100) / 100 };
  } catch {
    return { X: null, Y: null };
  }
};

/** The appendix groups (every group, empty ones too) of `versionId`, within `communeCode` if given. */
export async function appendixGroups(
  sql: Sql,
  versionId: string,
  communeCode: string | undefined,
): Promise<AppendixGroup[]> {
  const rows = await sql.query<ItemRow>(
    `SELECT i.kind, i.name, i.phase, i.status, i.notes, i.attributes, o.name AS organisation,
       (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM admin_units a WHERE ST_Intersects(a.geom, i.geom)) AS communes,
       CASE WHEN GeometryType(i.geom) = 'LINESTRING' THEN ST_Length(i.geom::geography) END AS "lengthM",
       CASE WHEN GeometryType(i.geom) = 'POLYGON' THEN ST_Area(i.geom::geography) END AS "areaM2",
       ST_AsGeoJSON(i.geom, 7)::json AS geometry,
       ST_AsGeoJSON(CASE WHEN GeometryType(i.geom) = 'POLYGON' THEN ST_Centroid(i.geom) ELSE ST_StartPoint(i.geom) END, 7)::json AS anchor
     FROM plan_items i LEFT JOIN organisations o ON o.id = i.responsible_org_id
     WHERE i.plan_version_id = $1
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM admin_units a WHERE a.code = $2 AND ST_Intersects(a.geom, i.geom)))
     ORDER BY i.phase NULLS LAST, i.name NULLS LAST, i.origin_id`,
    [versionId, communeCode ?? null],
  );
  rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return APPENDIX_GROUPS.map((group) => ({
    id: group.id,
    sheet: group.sheet,
    title: group.title,
    rows: rows
      .filter((r) => group.kinds.includes(r.kind))
      .map((r, i) => {
        const g = r.geometry;
        const start = g.type === 'Point' ? survey(g.coordinates) : survey(r.anchor?.coordinates ?? [0, 0]);
        const last = g.type === 'LineString' ? g.coordinates[g.coordinates.length - 1] : undefined;
        const end = last ? survey(last) : undefined;
        return {
          stt: i + 1,
          name: r.name ?? '',
          kind: ITEM_KIND_LABELS[r.kind].vi,
          communes: r.communes ?? '',
          phase: r.phase ? (PHASE_LABELS[r.phase]?.vi ?? r.phase) : '',
          status: STATUS_LABELS[r.status].vi,
          organisation: r.organisation ?? '',
          attributes: describeAttributes(r.attributes),
          lengthM: r.lengthM === null ? null : Math.round(Number(r.lengthM) * 10) / 10,
          areaM2: r.areaM2 === null ? null : Math.round(Number(r.areaM2)),
          startX: start.X,
          startY: start.Y,
          endX: end?.X ?? null,
          endY: end?.Y ?? null,
          notes: r.notes ?? '',
        };
      }),
  }));
}

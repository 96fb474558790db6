/**
 * The rows of a plan appendix: one per item of the version (in one commune, or all), grouped as
 * a Vietnamese plan appendix groups them, with VN-2000 X (northing) / Y (easting) of the point or
 * of the line's start and end, length in metres and area in m² (on the ellipsoid).
 */
import { planGeometryOutput, planItemKind, planItemStatus } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { adminUnits, organisations, planItems } from '@hatang/db/schema';
import { toVn2000, vn2000Label } from '@hatang/geo';
import { and, asc, eq, exists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
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

const attributesOf = z.record(z.string(), z.unknown());
const pointOf = z.object({ coordinates: z.tuple([z.number(), z.number()]) });
/** A point's `[lng, lat]` from ST_AsGeoJSON's JSON (an object or its text). */
const anchorOf = (value: unknown): { coordinates: [number, number] } | null =>
  pointOf.parse(typeof value === 'string' ? JSON.parse(value) : value);
// drizzle hands a null back as null without decoding it.
const numberOrNull = (value: unknown): number | null => Number(value);
const textOrNull = (value: unknown): string | null => String(value);

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
  db: Sql,
  versionId: string,
  communeCode: string | undefined,
): Promise<AppendixGroup[]> {
  const item = planItems.geom;
  const unit = alias(adminUnits, 'a');
  const communes = orm(db)
    .select({ names: sql`string_agg(${unit.name}, ', ' ORDER BY ${unit.name})` })
    .from(unit)
    .where(sql`ST_Intersects(${unit.geom}, ${item})`);
  const inCommune =
    communeCode === undefined
      ? undefined
      : exists(
          orm(db)
            .select({ one: sql`1` })
            .from(unit)
            .where(and(eq(unit.code, communeCode), sql`ST_Intersects(${unit.geom}, ${item})`)),
        );
  const found = await orm(db)
    .select({
      kind: planItems.kind,
      name: planItems.name,
      phase: planItems.phase,
      status: planItems.status,
      notes: planItems.notes,
      attributes: planItems.attributes,
      organisation: organisations.name,
      communes: sql`(${communes})`.mapWith(textOrNull),
      lengthM:
        sql`CASE WHEN GeometryType(${item}) = 'LINESTRING' THEN ST_Length(${item}::geography) END`.mapWith(
          numberOrNull,
        ),
      areaM2: sql`CASE WHEN GeometryType(${item}) = 'POLYGON' THEN ST_Area(${item}::geography) END`.mapWith(
        numberOrNull,
      ),
      geometry: geoJson(item, 7),
      anchor:
        sql`ST_AsGeoJSON(CASE WHEN GeometryType(${item}) = 'POLYGON' THEN ST_Centroid(${item}) ELSE ST_StartPoint(${item}) END, 7)::json`.mapWith(
          anchorOf,
        ),
    })
    .from(planItems)
    .leftJoin(organisations, eq(organisations.id, planItems.responsibleOrgId))
    .where(and(eq(planItems.planVersionId, versionId), inCommune))
    .orderBy(sql`${planItems.phase} NULLS LAST`, sql`${planItems.name} NULLS LAST`, asc(planItems.originId));
  // The table's text and JSON columns hold what the contract allows (its CHECKs and the API's writes).
  const rows = found.map((r) => ({
    ...r,
    kind: planItemKind.parse(r.kind),
    status: planItemStatus.parse(r.status),
    attributes: attributesOf.parse(r.attributes),
    geometry: planGeometryOutput.parse(r.geometry),
  }));
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
          lengthM: r.lengthM === null ? null : Math.round(r.lengthM * 10) / 10,
          areaM2: r.areaM2 === null ? null : Math.round(r.areaM2),
          startX: start.X,
          startY: start.Y,
          endX: end?.X ?? null,
          endY: end?.Y ?? null,
          notes: r.notes ?? '',
        };
      }),
  }));
}

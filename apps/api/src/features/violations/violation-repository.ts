/** Violation reports' reads and writes (table `violations`), and the lookups their rules need. */
import {
  type BBox,
  type LineStringGeometry,
  type PointGeometry,
  type ViolationAssetLink,
  type ViolationAssetResource,
  type ViolationFeature,
  type ViolationKind,
  type ViolationStatus,
  violationAssetResource,
  violationGeometryOutput,
  violationKind,
  violationStatus,
} from '@hatang/contracts';
import { geoJson, orm, type RowOf, type Sql } from '@hatang/db';
import {
  adminUnits,
  cableRoutes,
  ducts,
  manholes,
  poles,
  towers,
  trenchesTunnels,
  violations,
  wifiPoints,
} from '@hatang/db/schema';
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';

const violationFields = {
  id: violations.id,
  // 7 decimals (~1 cm); only Points and LineStrings are ever written (violationGeometry).
  geometry: geoJson(violations.geom, 7).mapWith((value: unknown) =>
    violationGeometryOutput.parse(typeof value === 'string' ? JSON.parse(value) : value),
  ),
  kind: violations.kind,
  status: violations.status,
  description: violations.description,
  adminUnitCode: violations.adminUnitCode,
  assetResource: violations.assetResource,
  assetId: violations.assetId,
  permitApplicationId: violations.permitApplicationId,
  responsibleOrgId: violations.responsibleOrgId,
  statusNote: violations.statusNote,
  reportedBy: violations.reportedBy,
  reportedOrgId: violations.reportedOrgId,
  notifiedAt: violations.notifiedAt,
  resolvedAt: violations.resolvedAt,
  escalatedAt: violations.escalatedAt,
  version: violations.version,
  createdAt: violations.createdAt,
  updatedAt: violations.updatedAt,
};

/**
 * A row as the API's GeoJSON Feature (geometry WGS 84 `[lng, lat]`). The text columns hold the
 * contract's values only (the table's CHECK constraints); read as such.
 */
function toFeature(row: RowOf<typeof violationFields>): ViolationFeature {
  const { id, geometry, kind, status, assetResource, assetId, ...rest } = row;
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      kind: violationKind.parse(kind),
      status: violationStatus.parse(status),
      ...rest,
      asset:
        assetResource && assetId
          ? { resource: violationAssetResource.parse(assetResource), id: assetId }
          : null,
    },
  };
}

/** One violation (locked `FOR UPDATE` when `lock`), or undefined (for an id that is no UUID too). */
export async function findViolation(
  db: Sql,
  id: string,
  lock = false,
): Promise<ViolationFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const query = orm(db).select(violationFields).from(violations).where(eq(violations.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row && toFeature(row);
}

/** Which violations a user reads: all, one commune's, or those an organisation must put right. */
export type ViolationScope = { all: true } | { adminUnitCode: string | null } | { responsibleOrgId: string };

export interface ViolationFilter {
  status?: ViolationStatus;
  kind?: ViolationKind;
  adminUnitCode?: string;
  /** `[minLng, minLat, maxLng, maxLat]`, WGS 84. */
  bbox?: BBox;
  limit: number;
}

/** The violations in `scope` that match `filter`, newest first. */
export async function listViolations(
  db: Sql,
  scope: ViolationScope,
  filter: ViolationFilter,
): Promise<ViolationFeature[]> {
  const conditions: (SQL | undefined)[] = [];
  // A user of no commune reads no commune's reports.
  if ('adminUnitCode' in scope)
    conditions.push(scope.adminUnitCode ? eq(violations.adminUnitCode, scope.adminUnitCode) : sql`false`);
  if ('responsibleOrgId' in scope) conditions.push(eq(violations.responsibleOrgId, scope.responsibleOrgId));
  if (filter.status) conditions.push(eq(violations.status, filter.status));
  if (filter.kind) conditions.push(eq(violations.kind, filter.kind));
  if (filter.adminUnitCode) conditions.push(eq(violations.adminUnitCode, filter.adminUnitCode));
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    conditions.push(
      sql`ST_Intersects(${violations.geom}, ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326))`,
    );
  }
  const rows = await orm(db)
    .select(violationFields)
    .from(violations)
    .where(and(...conditions))
    .orderBy(desc(violations.createdAt), asc(violations.id))
    .limit(filter.limit);
  return rows.map(toFeature);
}

/** The tables of the assets a violation may be linked to, by their API path. */
const ASSET_TABLES = {
  towers,
  poles,
  manholes,
  ducts,
  'trenches-tunnels': trenchesTunnels,
  'cable-routes': cableRoutes,
  'wifi-points': wifiPoints,
} satisfies Record<ViolationAssetResource, unknown>;

/** The owner of the linked asset, or undefined when no such asset exists. */
export async function assetOwnerOf(db: Sql, asset: ViolationAssetLink): Promise<string | undefined> {
  const table = ASSET_TABLES[asset.resource];
  const [row] = await orm(db).select({ owner: table.ownerOrgId }).from(table).where(eq(table.id, asset.id));
  return row?.owner;
}

export interface NewViolation {
  /** The id the recording phone gave it (offline queue), or null. */
  clientId: string | null;
  kind: ViolationKind;
  description: string;
  geometry: PointGeometry | LineStringGeometry;
  asset: ViolationAssetLink | null;
  permitApplicationId: string | null;
  responsibleOrgId: string | null;
  reportedBy: string | null;
  reportedOrgId: string | null;
}

/**
 * The report an organisation (null: users of none) recorded under a phone's `clientId`, with who
 * recorded it; undefined when there is none.
 */
export async function findByClientId(
  db: Sql,
  reportedOrgId: string | null,
  clientId: string,
): Promise<{ id: string; reportedBy: string | null } | undefined> {
  const [row] = await orm(db)
    .select({ id: violations.id, reportedBy: violations.reportedBy })
    .from(violations)
    .where(
      and(
        eq(violations.clientId, clientId),
        reportedOrgId === null
          ? isNull(violations.reportedOrgId)
          : eq(violations.reportedOrgId, reportedOrgId),
      ),
    );
  return row;
}

/**
 * Inserts a report (status `reported`; the trigger derives its commune); returns its id, or
 * undefined when the organisation already holds a report under the same `clientId` (a resend
 * racing the first: the unique constraint, not a lookup, decides).
 */
export async function insertViolation(tx: Sql, row: NewViolation): Promise<string | undefined> {
  const id = crypto.randomUUID();
  const inserted = await orm(tx)
    .insert(violations)
    .values({
      id,
      clientId: row.clientId,
      kind: row.kind,
      description: row.description,
      geom: sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(row.geometry)}), 4326)`,
      assetResource: row.asset?.resource ?? null,
      assetId: row.asset?.id ?? null,
      permitApplicationId: row.permitApplicationId,
      responsibleOrgId: row.responsibleOrgId,
      reportedBy: row.reportedBy,
      reportedOrgId: row.reportedOrgId,
    })
    .onConflictDoNothing({ target: [violations.reportedOrgId, violations.clientId] })
    .returning({ id: violations.id });
  return inserted[0]?.id;
}

/** Rewrites the editable fields and bumps the version (the caller checked access and If-Match). */
export async function updateViolationFields(
  tx: Sql,
  id: string,
  row: Pick<NewViolation, 'kind' | 'description' | 'asset' | 'permitApplicationId' | 'responsibleOrgId'>,
): Promise<void> {
  await orm(tx)
    .update(violations)
    .set({
      kind: row.kind,
      description: row.description,
      assetResource: row.asset?.resource ?? null,
      assetId: row.asset?.id ?? null,
      permitApplicationId: row.permitApplicationId,
      responsibleOrgId: row.responsibleOrgId,
      version: sql`${violations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(violations.id, id));
}

/** The column stamped when a violation reaches each status (none for `reported`). */
const STAMPED = {
  notified: 'notifiedAt',
  resolved: 'resolvedAt',
  escalated: 'escalatedAt',
} as const satisfies Partial<Record<ViolationStatus, keyof typeof violations.$inferInsert>>;

/** Moves a violation to `status` with the transition's note (the caller checked the machine). */
export async function setViolationStatus(
  tx: Sql,
  id: string,
  status: ViolationStatus,
  note: string | null,
): Promise<void> {
  const stamped = status === 'reported' ? undefined : STAMPED[status];
  await orm(tx)
    .update(violations)
    .set({
      status,
      statusNote: note,
      ...(stamped ? { [stamped]: sql`now()` } : {}),
      version: sql`${violations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(violations.id, id));
}

/** The admin unit's name, for messages; the code itself when unknown. */
export async function unitName(db: Sql, code: string | null): Promise<string> {
  if (!code) return 'no commune of Hai Phong';
  const [row] = await orm(db)
    .select({ name: adminUnits.name })
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return row ? `${row.name} (${code})` : code;
}

/**
 * Checks one staged row completely: geometry (with the API's geometry schemas), properties under
 * the mapping (with the API's zod contract), the owner against the importer's scope, and the code
 * against earlier rows of the same file. Used for the report and again at commit.
 */
import { type GeometryType, geometryOf, type ResourceDefinition } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { importRows, organisations } from '@hatang/db/schema';
import { and, asc, eq, gt } from 'drizzle-orm';
import { type FieldMapping, mapRow } from './field-mapping.js';

const STAGED = {
  rowNo: importRows.rowNo,
  source: importRows.source,
  geometry: importRows.geometry,
  geometryError: importRows.geometryError,
};
/** One staged row of an import: the file's fields, its geometry or why it has none. */
export type StagedRow = RowOf<typeof STAGED>;

export type RowResult =
  | { ok: true; properties: Record<string, unknown>; geometry: unknown }
  | { ok: false; issues: { field: string; message: string }[] };

const CHECKABLE = new Set<string>(['Point', 'LineString', 'Polygon', 'MultiPolygon']);

function geometryIssues(expected: GeometryType, row: StagedRow): { field: string; message: string }[] {
  if (row.geometryError) return [{ field: 'geometry', message: row.geometryError }];
  const geometry = row.geometry;
  if (!geometry) return [{ field: 'geometry', message: 'the row has no geometry' }];
  const issues: { field: string; message: string }[] = [];
  // Check the geometry as what it is first, so a broken ring is reported as such.
  const own = CHECKABLE.has(geometry.type)
    ? geometryOf(geometry.type as GeometryType).safeParse(geometry)
    : undefined;
  if (own && !own.success) {
    for (const i of own.error.issues)
      issues.push({ field: ['geometry', ...i.path.map(String)].join('.'), message: i.message });
  }
  if (geometry.type !== expected) {
    issues.push({ field: 'geometry', message: `expected a ${expected}, got a ${geometry.type}` });
  }
  return issues;
}

export interface CheckContext {
  definition: ResourceDefinition;
  mapping: FieldMapping;
  orgIdsByCode: ReadonlyMap<string, string>;
  /** Set for `own` grants: the only owner the importer may write. */
  onlyOwner: string | undefined;
  defaultOwner: string | undefined;
  /** owner|code → first row that used it. */
  seenCodes: Map<string, number>;
}

export async function checkContext(
  sql: Sql,
  definition: ResourceDefinition,
  mapping: FieldMapping,
  onlyOwner: string | undefined,
): Promise<CheckContext> {
  const orgs = await orm(sql).select({ id: organisations.id, code: organisations.code }).from(organisations);
  return {
    definition,
    mapping,
    orgIdsByCode: new Map(orgs.map((o) => [o.code, o.id])),
    onlyOwner,
    defaultOwner: onlyOwner,
    seenCodes: new Map(),
  };
}

export function checkRow(context: CheckContext, row: StagedRow): RowResult {
  const issues = geometryIssues(context.definition.geometryType, row);
  const mapped = mapRow(context.definition, context.mapping, row.source, context);
  if (!mapped.ok) issues.push(...mapped.issues);
  else {
    const owner = String(mapped.properties.ownerOrgId);
    if (context.onlyOwner !== undefined && owner !== context.onlyOwner) {
      issues.push({ field: 'ownerOrgId', message: "you may import only your own organisation's assets" });
    }
    if (typeof mapped.properties.code === 'string') {
      const key = `${owner}|${mapped.properties.code}`;
      const first = context.seenCodes.get(key);
      if (first !== undefined && first !== row.rowNo) {
        issues.push({
          field: 'code',
          message: `code "${mapped.properties.code}" is already used by row ${first} of this file`,
        });
      } else context.seenCodes.set(key, row.rowNo);
    }
  }
  if (issues.length > 0 || !mapped.ok) return { ok: false, issues };
  return { ok: true, properties: mapped.properties, geometry: row.geometry };
}

/** Staged rows in row order, `size` at a time (keyset pagination: no OFFSET over 100k rows). */
export async function* stagedRows(sql: Sql, importId: string, size = 5000): AsyncGenerator<StagedRow[]> {
  let after = 0;
  for (;;) {
    const rows = await orm(sql)
      .select(STAGED)
      .from(importRows)
      .where(and(eq(importRows.importId, importId), gt(importRows.rowNo, after)))
      .orderBy(asc(importRows.rowNo))
      .limit(size);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.rowNo ?? after;
    if (rows.length < size) return;
  }
}

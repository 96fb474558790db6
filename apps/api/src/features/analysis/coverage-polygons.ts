/** Operators' uploaded coverage polygons (table coverage_polygons), one per operator × technology. */
import { TECHNOLOGIES, type Technology } from '@hatang/analysis';
import type { CoveragePolygonFeature } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { coveragePolygons, organisations } from '@hatang/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';

export type { CoveragePolygonFeature } from '@hatang/contracts';

export const isTechnology = (value: string): value is Technology =>
  (TECHNOLOGIES as readonly string[]).includes(value);

const polygon = {
  id: coveragePolygons.id,
  operatorId: coveragePolygons.operatorOrgId,
  technology: coveragePolygons.technology,
  source: coveragePolygons.source,
  uploadedAt: coveragePolygons.uploadedAt,
  uploadedBy: coveragePolygons.uploadedBy,
  geometry: geoJson(coveragePolygons.geom),
};

const featureOf = ({ id, geometry, ...properties }: Awaited<ReturnType<typeof selectPolygons>>[number]) =>
  ({ type: 'Feature', id, geometry, properties }) satisfies CoveragePolygonFeature;

const selectPolygons = (on: Sql) => orm(on).select(polygon).from(coveragePolygons);

export async function listCoveragePolygons(on: Sql): Promise<CoveragePolygonFeature[]> {
  const rows = await selectPolygons(on).orderBy(
    asc(coveragePolygons.operatorOrgId),
    asc(coveragePolygons.technology),
  );
  return rows.map(featureOf);
}

export async function findCoveragePolygon(
  on: Sql,
  operatorId: string,
  technology: Technology,
  lock = false,
): Promise<CoveragePolygonFeature | undefined> {
  const query = selectPolygons(on).where(
    and(eq(coveragePolygons.operatorOrgId, operatorId), eq(coveragePolygons.technology, technology)),
  );
  const [row] = lock ? await query.for('update') : await query;
  return row && featureOf(row);
}

export async function operatorExists(on: Sql, operatorId: string): Promise<boolean> {
  const rows = await orm(on)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, operatorId));
  return rows.length > 0;
}

/** Inserts or replaces the operator × technology polygon (a Polygon is stored as a MultiPolygon). */
export async function saveCoveragePolygon(
  on: Sql,
  operatorId: string,
  technology: Technology,
  geometry: unknown,
  source: string | null,
  uploadedBy: string | null,
): Promise<CoveragePolygonFeature> {
  const geom = sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;
  await orm(on)
    .insert(coveragePolygons)
    .values({ id: crypto.randomUUID(), operatorOrgId: operatorId, technology, source, geom, uploadedBy })
    .onConflictDoUpdate({
      target: [coveragePolygons.operatorOrgId, coveragePolygons.technology],
      set: {
        source: sql`excluded.source`,
        geom: sql`excluded.geom`,
        uploadedBy: sql`excluded.uploaded_by`,
        uploadedAt: sql`clock_timestamp()`,
      },
    });
  const saved = await findCoveragePolygon(on, operatorId, technology);
  if (!saved) throw new Error('coverage polygon not saved');
  return saved;
}

export async function deleteCoveragePolygon(on: Sql, id: string): Promise<void> {
  await orm(on).delete(coveragePolygons).where(eq(coveragePolygons.id, id));
}

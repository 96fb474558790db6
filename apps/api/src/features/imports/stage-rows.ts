import type { Sql } from '@hatang/db';
import type { CrsCode } from '@hatang/geo';
import { copyLine, type SourceFeature, singlePart, toWgs84 } from '@hatang/geo/formats';

/**
 * Stages one chunk of features as import_rows (COPY): attributes as in the file, geometry
 * reprojected to WGS 84, or the reason it could not be. Returns the next row number.
 */
export async function stageChunk(
  sql: Sql,
  importId: string,
  firstRow: number,
  features: readonly SourceFeature[],
  crs: CrsCode,
): Promise<number> {
  let csv = '';
  let row = firstRow;
  for (const feature of features) {
    let geometry: unknown = null;
    let error = feature.geometryError ?? null;
    if (feature.geometry && !error) {
      try {
        geometry = toWgs84(singlePart(feature.geometry), crs);
      } catch (e) {
        error = (e as Error).message;
      }
    } else if (!error) {
      error = 'the row has no geometry';
    }
    csv += copyLine([
      importId,
      row,
      JSON.stringify(feature.properties),
      geometry === null ? null : JSON.stringify(geometry),
      error,
    ]);
    row++;
  }
  if (csv)
    await sql.copyCsv('import_rows', ['import_id', 'row_no', 'source', 'geometry', 'geometry_error'], csv);
  return row;
}

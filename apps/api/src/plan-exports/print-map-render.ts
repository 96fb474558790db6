/**
 * Renders a plan version's print map: picks the extent (a commune or the city), the standard
 * scale that fits it on the paper, reads the layers, composes the page and writes it as PDF
 * (vector, fonts embedded) or PNG (150 dpi, via resvg).
 */
import { fileURLToPath } from 'node:url';
import type { PlanVersionKind } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { Resvg } from '@resvg/resvg-js';
import { TEXT } from './export-labels.js';
import {
  chooseScale,
  formatScale,
  mapFrame,
  type Paper,
  pageProjection,
  projectedBox,
} from './print-layout.js';
import { composePrintMap } from './print-map.js';
import { BASEMAP_BOX, cityExtent, communeExtent, type LngLatBox, loadMapData } from './print-map-data.js';
import { FONT_FAMILY, FONT_FILES, type Scene, sceneToPdf, sceneToSvg } from './print-scene.js';

/** PNG resolution, dots per inch (A4 landscape: 1754 × 1240 px). */
export const PNG_DPI = 150;

export interface PrintMapRequest {
  versionId: string;
  planName: string;
  version: { name: string; kind: PlanVersionKind; approvedAt: string | null };
  commune?: { code: string; name: string };
  paper: Paper;
  date: string;
}

export interface PrintMap {
  scene: Scene;
  denominator: number;
}

async function itemsExtent(sql: Sql, versionId: string): Promise<LngLatBox | undefined> {
  const rows = await sql.query<{ minX: number | null; minY: number; maxX: number; maxY: number }>(
    `SELECT ST_XMin(e) AS "minX", ST_YMin(e) AS "minY", ST_XMax(e) AS "maxX", ST_YMax(e) AS "maxY"
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM plan_items WHERE plan_version_id = $1) x`,
    [versionId],
  );
  const r = rows[0];
  return r && r.minX !== null ? [Number(r.minX), Number(r.minY), Number(r.maxX), Number(r.maxY)] : undefined;
}

export async function buildPrintMap(sql: Sql, request: PrintMapRequest): Promise<PrintMap> {
  const extent = request.commune
    ? await communeExtent(sql, request.commune.code)
    : ((await cityExtent(sql)) ?? (await itemsExtent(sql, request.versionId)));
  const box = projectedBox(extent ?? BASEMAP_BOX);
  const frame = mapFrame(request.paper);
  const { denominator, fits } = chooseScale(box, frame);
  const projection = pageProjection(
    frame,
    { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 },
    denominator,
  );
  // About 0.1 mm on paper, in degrees (1° of latitude ≈ 111 km).
  const toleranceDeg = (0.1 * denominator) / 1000 / 111_000;
  const data = await loadMapData(sql, request.versionId, projection.lngLatBox, toleranceDeg);
  const scene = composePrintMap({
    paper: request.paper,
    projection,
    fits,
    planName: request.planName,
    version: request.version,
    commune: request.commune,
    date: request.date,
    data,
  });
  return { scene, denominator };
}

export function printMapPdf(map: PrintMap, request: PrintMapRequest): Promise<Uint8Array> {
  const where = request.commune?.name ?? TEXT.wholeCity.vi;
  return sceneToPdf(map.scene, {
    title: `${request.planName} — ${request.version.name} — ${where}`,
    subject: `${TEXT.mapTitle.vi}, 1:${formatScale(map.denominator)}`,
  });
}

export function printMapPng(map: PrintMap): Uint8Array {
  const resvg = new Resvg(sceneToSvg(map.scene), {
    fitTo: { mode: 'width', value: Math.round((map.scene.widthMm / 25.4) * PNG_DPI) },
    font: {
      fontFiles: [fileURLToPath(FONT_FILES.regular), fileURLToPath(FONT_FILES.bold)],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    background: '#ffffff',
  });
  return new Uint8Array(resvg.render().asPng());
}

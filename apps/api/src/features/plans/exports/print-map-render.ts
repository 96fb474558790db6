/**
 * Renders a plan version's print map: picks the extent (a commune or the city), the standard
 * scale that fits it on the paper, reads the layers, composes the page and writes it as PDF
 * (vector, fonts embedded) or PNG (150 dpi, via resvg).
 */
import { fileURLToPath } from 'node:url';
import type { PlanVersionKind } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { adminUnits } from '@hatang/db/schema';
import { Resvg } from '@resvg/resvg-js';
import { and, asc, ne, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { validationFailed } from '../../../errors.js';
import { CRS_LABEL, TEXT } from './export-labels.js';
import {
  chooseScale,
  formatScale,
  mapFrame,
  type Paper,
  pageProjection,
  projectedBox,
} from './print-layout.js';
import { composePrintMap } from './print-map.js';
import {
  BASEMAP_BOX,
  boundsFields,
  cityExtent,
  communeExtent,
  envelopeOf,
  type LngLatBox,
  loadMapData,
} from './print-map-data.js';
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

/** The projected box of a commune; 400 when VN-2000 TM-3 cannot map it (far outside the zone). */
function projectedIfMappable(box: LngLatBox): ReturnType<typeof projectedBox> {
  try {
    return projectedBox(box);
  } catch {
    throw validationFailed([
      { path: ['query', 'commune'], message: `this unit lies outside what ${CRS_LABEL} can map` },
    ]);
  }
}

/** About 0.1 mm on paper, in degrees (1° of latitude ≈ 111 km). */
const toleranceAt = (denominator: number) => (0.1 * denominator) / 1000 / 111_000;
const centreOf = (box: ReturnType<typeof projectedBox>) => ({
  x: (box.minX + box.maxX) / 2,
  y: (box.minY + box.maxY) / 2,
});

/**
 * Units of the city more than 10 km from every other unit (Bạch Long Vĩ, 110 km out at sea):
 * a whole-city map draws them in insets when leaving them out of the main frame gives it a
 * larger scale, as printed maps of Hai Phong do.
 */
async function outlyingUnits(db: Sql): Promise<{ name: string; box: LngLatBox }[]> {
  const other = alias(adminUnits, 'b');
  const rows = await orm(db)
    .select({ name: adminUnits.name, ...boundsFields(adminUnits.geom, Number) })
    .from(adminUnits)
    .where(
      and(
        sql`ST_Intersects(${adminUnits.geom}, ${envelopeOf(BASEMAP_BOX)})`,
        notExists(
          orm(db)
            .select({ one: sql`1` })
            .from(other)
            .where(
              and(ne(other.code, adminUnits.code), sql`ST_DWithin(${adminUnits.geom}, ${other.geom}, 0.1)`),
            ),
        ),
      ),
    )
    .orderBy(asc(adminUnits.code));
  return rows.map((r) => ({ name: r.name, box: [r.minX, r.minY, r.maxX, r.maxY] }));
}

async function cityLayout(sql: Sql, request: PrintMapRequest) {
  const frame = mapFrame(request.paper);
  // No unit in the city's region (a database without the city's units): the region itself.
  const full = projectedBox((await cityExtent(sql)) ?? BASEMAP_BOX);
  const whole = { box: full, ...chooseScale(full, frame), insets: [] as { name: string; box: LngLatBox }[] };
  const outlying = await outlyingUnits(sql);
  if (outlying.length === 0 || outlying.length > 2) return whole;
  const main =
    (await cityExtent(
      sql,
      outlying.map((o) => o.name),
    )) ?? undefined;
  if (!main) return whole;
  const box = projectedBox(main);
  const scale = chooseScale(box, frame);
  return scale.denominator < whole.denominator ? { box, ...scale, insets: outlying } : whole;
}

export async function buildPrintMap(sql: Sql, request: PrintMapRequest): Promise<PrintMap> {
  const frame = mapFrame(request.paper);
  let layout: {
    box: ReturnType<typeof projectedBox>;
    denominator: number;
    fits: boolean;
    insets: { name: string; box: LngLatBox }[];
  };
  if (request.commune) {
    const box = projectedIfMappable((await communeExtent(sql, request.commune.code)) ?? BASEMAP_BOX);
    layout = { box, ...chooseScale(box, frame), insets: [] };
  } else layout = await cityLayout(sql, request);
  const { denominator, fits } = layout;
  const projection = pageProjection(frame, centreOf(layout.box), denominator);
  const data = await loadMapData(sql, request.versionId, projection.lngLatBox, toleranceAt(denominator));
  // Insets in the frame's lower right corner, stacked upwards, each at the scale that fits it.
  const insets = [];
  let bottom = frame.y + frame.h - 3;
  for (const unit of layout.insets) {
    const w = frame.w * 0.24;
    const h = frame.h * 0.22;
    const insetFrame = { x: frame.x + frame.w - w - 3, y: bottom - h, w, h };
    const box = projectedBox(unit.box);
    const scale = chooseScale(box, insetFrame);
    const insetProjection = pageProjection(insetFrame, centreOf(box), scale.denominator);
    insets.push({
      name: unit.name,
      projection: insetProjection,
      data: await loadMapData(
        sql,
        request.versionId,
        insetProjection.lngLatBox,
        toleranceAt(scale.denominator),
      ),
    });
    bottom -= h + 8;
  }
  const scene = composePrintMap({
    paper: request.paper,
    projection,
    fits,
    planName: request.planName,
    version: request.version,
    commune: request.commune,
    date: request.date,
    data,
    insets,
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

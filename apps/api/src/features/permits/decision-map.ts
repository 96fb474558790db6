/**
 * The map excerpt of a decision document: the works (red) on the register around them (towers,
 * ducts and cable routes, grey), commune boundaries, plan zones and the geometry the checks drew
 * (orange), at the largest standard scale that shows the works with ≥ 150 m around them. Drawn
 * with the print maps' scene (apps/api/src/features/plans/exports) projected through VN-2000 TM-3, and
 * rasterised to a PNG (resvg, embedded Noto Sans) that the PDF embeds.
 */
import { fileURLToPath } from 'node:url';
import type { Geometry } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { planVersions } from '@hatang/db/schema';
import { Resvg } from '@resvg/resvg-js';
import { asc, sql as drizzleSql, eq } from 'drizzle-orm';
import {
  chooseScale,
  type Frame,
  formatScale,
  type PageProjection,
  pageProjection,
  projectedBox,
} from '../plans/exports/print-layout.js';
import { boundsOf, type LngLatBox, loadMapData } from '../plans/exports/print-map-data.js';
import {
  FONT_FAMILY,
  FONT_FILES,
  type Scene,
  type Shape,
  sceneToSvg,
  type Xy,
} from '../plans/exports/print-scene.js';

/** The excerpt's size on the page, mm (A4 portrait text width). */
export const EXCERPT_MM = { w: 165, h: 80 };
const DPI = 200;
/** Ground shown around the works at least, m. */
const MARGIN_M = 150;
const NO_VERSION = '00000000-0000-0000-0000-000000000000';

type Ring = readonly (readonly [number, number])[];

function partsOf(geometry: { type: string; coordinates: unknown }): { lines: Ring[]; polygons: Ring[][] } {
  const c = geometry.coordinates as never;
  switch (geometry.type) {
    case 'LineString':
      return { lines: [c], polygons: [] };
    case 'MultiLineString':
      return { lines: c, polygons: [] };
    case 'Polygon':
      return { lines: [], polygons: [c] };
    case 'MultiPolygon':
      return { lines: [], polygons: c };
    default:
      return { lines: [], polygons: [] };
  }
}

function drawGeometry(
  p: PageProjection,
  geometry: { type: string; coordinates: unknown },
  style: { stroke: string; width: number; fill?: string; fillOpacity?: number; dash?: number[]; r?: number },
): Shape[] {
  if (geometry.type === 'Point') {
    const [x, y] = p.toPage(geometry.coordinates as [number, number]);
    return [
      {
        type: 'circle',
        cx: x,
        cy: y,
        r: style.r ?? 1.2,
        style: { fill: style.fill ?? style.stroke, stroke: '#ffffff', strokeWidth: 0.3 },
      },
    ];
  }
  const { lines, polygons } = partsOf(geometry);
  const shapes: Shape[] = [];
  const line = (ring: Ring): Xy[] => ring.map((pt) => p.toPage(pt));
  if (lines.length)
    shapes.push({
      type: 'path',
      parts: lines.map(line),
      closed: false,
      style: { stroke: style.stroke, strokeWidth: style.width, dash: style.dash },
    });
  for (const polygon of polygons)
    shapes.push({
      type: 'path',
      parts: polygon.map(line),
      closed: true,
      style: {
        stroke: style.stroke,
        strokeWidth: style.width,
        fill: style.fill,
        fillOpacity: style.fillOpacity,
        dash: style.dash,
      },
    });
  return shapes;
}

const ZONE_FILL: Record<string, string> = {
  restricted: '#d7301f',
  camouflage: '#41ab5d',
  underground_only: '#6a51a3',
};

/** The scale bar's length: the round distance closest to a fifth of the frame. */
function scaleBarM(p: PageProjection): number {
  const target = (p.frame.w / 5 / 1000) * p.denominator;
  const steps = [20, 50, 100, 200, 250, 500, 1000, 2000, 5000];
  return steps.reduce((best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best), 100);
}

/**
 * The excerpt as a PNG, or null when the works cannot be drawn (e.g. outside what VN-2000 TM-3
 * can map): the document then says so instead of showing a map.
 */
export async function decisionMapPng(
  sql: Sql,
  works: { type: string; coordinates: unknown },
  proofs: { type: string; coordinates: unknown }[],
): Promise<Uint8Array | null> {
  const frame: Frame = { x: 0, y: 0, w: EXCERPT_MM.w, h: EXCERPT_MM.h };
  let projection: PageProjection;
  try {
    const extent = projectedBox(boundsOf(works as Geometry));
    const grown = {
      minX: extent.minX - MARGIN_M,
      minY: extent.minY - MARGIN_M,
      maxX: extent.maxX + MARGIN_M,
      maxY: extent.maxY + MARGIN_M,
    };
    if (![grown.minX, grown.minY, grown.maxX, grown.maxY].every(Number.isFinite)) return null;
    const { denominator } = chooseScale(grown, frame);
    const centre = { x: (grown.minX + grown.maxX) / 2, y: (grown.minY + grown.maxY) / 2 };
    projection = pageProjection(frame, centre, denominator);
  } catch {
    return null;
  }
  const approved = await orm(sql)
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(eq(planVersions.kind, 'approved'))
    .orderBy(drizzleSql`${planVersions.approvedAt} DESC NULLS LAST`, asc(planVersions.id))
    .limit(1);
  const box: LngLatBox = projection.lngLatBox;
  const toleranceDeg = (0.1 * projection.denominator) / 1000 / 111_000;
  const data = await loadMapData(sql, approved[0]?.id ?? NO_VERSION, box, toleranceDeg);

  const inside: Shape[] = [{ type: 'rect', x: 0, y: 0, w: frame.w, h: frame.h, style: { fill: '#ffffff' } }];
  for (const land of data.land)
    inside.push(...drawGeometry(projection, land, { stroke: '#e8e4da', width: 0.1, fill: '#f4f1ea' }));
  for (const zone of data.zones)
    inside.push(
      ...drawGeometry(projection, zone.geometry, {
        stroke: ZONE_FILL[zone.kind] ?? '#888888',
        width: 0.3,
        fill: ZONE_FILL[zone.kind] ?? '#888888',
        fillOpacity: 0.12,
      }),
    );
  for (const unit of data.units)
    inside.push(...drawGeometry(projection, unit.geometry, { stroke: '#7a7a7a', width: 0.35, dash: [2, 1] }));
  for (const line of data.register.lines)
    inside.push(...drawGeometry(projection, line, { stroke: '#9e9e9e', width: 0.35 }));
  for (const t of data.register.towers) {
    const [x, y] = projection.toPage(t);
    inside.push({
      type: 'circle',
      cx: x,
      cy: y,
      r: 0.9,
      style: { fill: '#616161', stroke: '#ffffff', strokeWidth: 0.2 },
    });
  }
  for (const proof of proofs)
    inside.push(
      ...drawGeometry(projection, proof, { stroke: '#f28e2b', width: 0.5, dash: [1.5, 1], r: 0.9 }),
    );
  inside.push(...drawGeometry(projection, works, { stroke: '#c62828', width: 0.9, fill: '#c62828', r: 1.6 }));
  if (works.type === 'Point') {
    const [x, y] = projection.toPage(works.coordinates as [number, number]);
    inside.push({ type: 'circle', cx: x, cy: y, r: 3, style: { stroke: '#c62828', strokeWidth: 0.4 } });
  }

  // Scale bar and north arrow, bottom left and top right.
  const barM = scaleBarM(projection);
  const barMm = projection.mm(barM);
  const label = (
    x: number,
    y: number,
    text: string,
    anchor: 'start' | 'middle' | 'end' = 'start',
  ): Shape => ({
    type: 'text',
    x,
    y,
    text,
    size: 2.6,
    anchor,
    halo: true,
  });
  const overlay: Shape[] = [
    { type: 'rect', x: 4, y: frame.h - 7, w: barMm, h: 1.2, style: { fill: '#222222' } },
    label(4, frame.h - 8.2, '0'),
    label(4 + barMm, frame.h - 8.2, `${barM} m`, 'middle'),
    label(4, frame.h - 2.2, `Tỷ lệ / Scale 1:${formatScale(projection.denominator)} — VN-2000 (EPSG:9210)`),
    {
      type: 'path',
      parts: [
        [
          [frame.w - 8, 10],
          [frame.w - 6, 4],
          [frame.w - 4, 10],
          [frame.w - 6, 8.5],
        ],
      ],
      closed: true,
      style: { fill: '#222222' },
    },
    label(frame.w - 6, 14, 'B (N)', 'middle'),
  ];
  const scene: Scene = {
    widthMm: frame.w,
    heightMm: frame.h,
    shapes: [
      { type: 'clip', x: 0, y: 0, w: frame.w, h: frame.h, children: inside },
      ...overlay,
      { type: 'rect', x: 0, y: 0, w: frame.w, h: frame.h, style: { stroke: '#333333', strokeWidth: 0.3 } },
    ],
  };
  const resvg = new Resvg(sceneToSvg(scene), {
    fitTo: { mode: 'width', value: Math.round((frame.w / 25.4) * DPI) },
    font: {
      fontFiles: [fileURLToPath(FONT_FILES.regular), fileURLToPath(FONT_FILES.bold)],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    background: '#ffffff',
  });
  return new Uint8Array(resvg.render().asPng());
}

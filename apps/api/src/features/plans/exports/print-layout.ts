/**
 * Page geometry of a print map: paper sizes, the map frame, the standard scale that fits an
 * extent, and the projection from WGS 84 to page millimetres through VN-2000 TM-3 (EPSG:9210), a
 * conformal projection with scale factor 0.9999 on its central meridian, so distances on the page
 * are true to the stated scale within 0.05 % across Hai Phong.
 */
import { fromVn2000, toVn2000 } from '@hatang/geo';
import type { LngLatBox } from './print-map-data.js';

export const PAPERS = {
  /** Landscape, millimetres. */
  A4: { widthMm: 297, heightMm: 210, panelMm: 74 },
  A3: { widthMm: 420, heightMm: 297, panelMm: 92 },
} as const;
export type Paper = keyof typeof PAPERS;

/**
 * The standard scales of Vietnamese topographic and planning maps, largest first. 1:1 000 000 is
 * the last resort for the whole city on A4 (Bạch Long Vĩ is 110 km out at sea).
 */
export const STANDARD_SCALES = [2_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

export const MARGIN_MM = 10;
export const GAP_MM = 5;

export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function mapFrame(paper: Paper): Frame {
  const p = PAPERS[paper];
  return {
    x: MARGIN_MM,
    y: MARGIN_MM,
    w: p.widthMm - 2 * MARGIN_MM - GAP_MM - p.panelMm,
    h: p.heightMm - 2 * MARGIN_MM,
  };
}

/** Projected (EPSG:9210) bounding box of a WGS 84 box, from points along its edges. */
export function projectedBox(box: LngLatBox): { minX: number; minY: number; maxX: number; maxY: number } {
  const out = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const lng = box[0] + (box[2] - box[0]) * t;
    const lat = box[1] + (box[3] - box[1]) * t;
    for (const p of [
      [lng, box[1]],
      [lng, box[3]],
      [box[0], lat],
      [box[2], lat],
    ] as const) {
      const { x, y } = toVn2000(p);
      out.minX = Math.min(out.minX, x);
      out.maxX = Math.max(out.maxX, x);
      out.minY = Math.min(out.minY, y);
      out.maxY = Math.max(out.maxY, y);
    }
  }
  return out;
}

/**
 * The largest standard scale (smallest denominator) at which the extent, with a 4 % margin, fits
 * the frame; `fits` is false when even the smallest scale is too large (the map shows the centre).
 */
export function chooseScale(
  extent: { minX: number; minY: number; maxX: number; maxY: number },
  frame: Frame,
): { denominator: number; fits: boolean } {
  const widthM = (extent.maxX - extent.minX) * 1.04;
  const heightM = (extent.maxY - extent.minY) * 1.04;
  for (const denominator of STANDARD_SCALES) {
    if ((widthM / denominator) * 1000 <= frame.w && (heightM / denominator) * 1000 <= frame.h) {
      return { denominator, fits: true };
    }
  }
  return { denominator: STANDARD_SCALES[STANDARD_SCALES.length - 1] ?? 1_000_000, fits: false };
}

/** WGS 84 → page millimetres for a frame centred on projected (cx, cy) at 1:denominator. */
export interface PageProjection {
  denominator: number;
  frame: Frame;
  centre: { x: number; y: number };
  toPage(lngLat: readonly [number, number]): [number, number];
  /** Paper millimetres for a ground distance in metres. */
  mm(metres: number): number;
  /** The WGS 84 box the frame covers (a little larger, for queries). */
  lngLatBox: LngLatBox;
}

export function pageProjection(
  frame: Frame,
  centre: { x: number; y: number },
  denominator: number,
): PageProjection {
  const k = 1000 / denominator;
  const toPage = (lngLat: readonly [number, number]): [number, number] => {
    const { x, y } = toVn2000(lngLat);
    return [frame.x + frame.w / 2 + (x - centre.x) * k, frame.y + frame.h / 2 - (y - centre.y) * k];
  };
  const halfW = frame.w / 2 / k;
  const halfH = frame.h / 2 / k;
  const corners = [
    [centre.x - halfW, centre.y - halfH],
    [centre.x + halfW, centre.y - halfH],
    [centre.x - halfW, centre.y + halfH],
    [centre.x + halfW, centre.y + halfH],
    [centre.x, centre.y - halfH],
    [centre.x, centre.y + halfH],
  ].map(([x = 0, y = 0]) => fromVn2000({ x, y }));
  const lngs = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  const pad = 0.002;
  return {
    denominator,
    frame,
    centre,
    toPage,
    mm: (metres) => metres * k,
    lngLatBox: [
      Math.min(...lngs) - pad,
      Math.min(...lats) - pad,
      Math.max(...lngs) + pad,
      Math.max(...lats) + pad,
    ],
  };
}

/** `25 000` — the scale denominator grouped by thousands with spaces, as Vietnamese maps print it. */
export function formatScale(denominator: number): string {
  return String(denominator).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

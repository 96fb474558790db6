/**
 * Writes features as a DXF drawing for CAD users (AutoCAD, MicroStation, QGIS), with
 * `@tarikjabiri/dxf` (MIT, TypeScript, AutoCAD 2007 DXF = UTF-8 text, so Vietnamese names survive).
 *
 * The drawing is in a VN-2000 projected CRS — TM-3 105°45′, EPSG:9210 (Hai Phong), unless told
 * otherwise — in metres, x = easting, y = northing, `$INSUNITS` = 6 (metres). Its first lines are
 * DXF comments (group 999) stating the CRS, and `$PROJECTNAME` names it too.
 * - one layer per kind (the caller names them: ASCII, upper case, e.g. `HT_PLAN_TOWER_SITE`);
 * - a Point is an INSERT of the block `HT_POINT` (a 1 m circle) with the attributes CODE, NAME and
 *   STATUS (MultiPoint: one INSERT per point);
 * - a LineString is an open LWPOLYLINE, a Polygon one closed LWPOLYLINE per ring (Multi*: per part);
 * - each line and area also gets its NAME as a TEXT on the layer `HT_LABELS`.
 * Positions are rounded to the millimetre.
 */
import { DxfWriter, LWPolylineFlags, point2d, point3d, Units } from '@tarikjabiri/dxf';
import { z } from 'zod';
import { crsInfo, type LngLat, toVn2000, type Vn2000Zone } from '../crs.js';

/** A geometry in WGS 84 `[lng, lat]`. */
export type DxfInputGeometry =
  | { type: 'Point'; coordinates: LngLat }
  | { type: 'MultiPoint'; coordinates: LngLat[] }
  | { type: 'LineString'; coordinates: LngLat[] }
  | { type: 'MultiLineString'; coordinates: LngLat[][] }
  | { type: 'Polygon'; coordinates: LngLat[][] }
  | { type: 'MultiPolygon'; coordinates: LngLat[][][] };

const position = z
  .array(z.number().finite())
  .min(2)
  .transform((p): LngLat => [p[0] ?? 0, p[1] ?? 0]);
const dxfInputGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
]);

/** A GeoJSON geometry (as stored, WGS 84) the writer can draw, or undefined (Z values dropped). */
export function dxfGeometryOf(geometry: unknown): DxfInputGeometry | undefined {
  return dxfInputGeometry.safeParse(geometry).data;
}

export interface DxfLayerSpec {
  /** ASCII letters, digits, `_` and `-` only (CAD programs differ on anything else). */
  name: string;
  /** AutoCAD Color Index (1 red, 2 yellow, 3 green, 4 cyan, 5 blue, 6 magenta, 7 white/black). */
  color: number;
}

export interface DxfWriteFeature {
  layer: string;
  geometry: DxfInputGeometry;
  /** The block attributes of a point, and the label of a line or area (NAME). */
  code: string;
  name: string;
  status: string;
}

export interface DxfWriteInput {
  /** What the drawing is, for its header comment (e.g. the plan and version). */
  title: string;
  layers: DxfLayerSpec[];
  features: DxfWriteFeature[];
  zone?: Vn2000Zone;
}

/** The block every point is drawn with. */
export const DXF_POINT_BLOCK = 'HT_POINT';
/** The layer of the lines' and areas' name labels. */
export const DXF_LABEL_LAYER = 'HT_LABELS';
/** The point block's attribute tags, in order. */
export const DXF_POINT_ATTRIBUTES = ['CODE', 'NAME', 'STATUS'] as const;

const LAYER_NAME = /^[A-Z0-9_-]{1,64}$/;
/** Text height of labels and attributes, metres. */
const TEXT_HEIGHT_M = 1.5;
/** Radius of the point symbol, metres. */
const POINT_RADIUS_M = 1;

const mm = (v: number) => Math.round(v * 1000) / 1000;

/** A DXF 999 comment line: one line of text, no line breaks. */
const comment = (text: string) => `999\n${text.replace(/[\r\n]+/g, ' ')}\n`;

/** The drawing as DXF text (AutoCAD 2007, UTF-8). Throws on a layer name that is not ASCII. */
export function writeDxf(input: DxfWriteInput): string {
  const zone = input.zone ?? 'EPSG:9210';
  const crs = crsInfo(zone);
  const dxf = new DxfWriter();
  dxf.setUnits(Units.Meters);
  dxf.setVariable('$PROJECTNAME', { 1: `${crs.nameEn} (${zone}), metres` });
  for (const layer of [...input.layers, { name: DXF_LABEL_LAYER, color: 7 }]) {
    if (!LAYER_NAME.test(layer.name)) throw new Error(`DXF layer name ${layer.name} is not plain ASCII`);
    if (!dxf.layer(layer.name)) dxf.addLayer(layer.name, layer.color, 'CONTINUOUS');
  }

  const block = dxf.addBlock(DXF_POINT_BLOCK);
  block.addCircle(point3d(0, 0, 0), POINT_RADIUS_M);
  DXF_POINT_ATTRIBUTES.forEach((tag, i) => {
    block.addAttdef(point3d(POINT_RADIUS_M * 1.5, -i * TEXT_HEIGHT_M * 1.4, 0), TEXT_HEIGHT_M, tag, '');
  });

  const xy = (p: LngLat): [number, number] => {
    const { x, y } = toVn2000(p, zone);
    return [mm(x), mm(y)];
  };
  const label = (f: DxfWriteFeature, at: LngLat | undefined) => {
    if (!at || !f.name) return;
    const [x, y] = xy(at);
    dxf.addText(point3d(x, y, 0), TEXT_HEIGHT_M, f.name, { layerName: DXF_LABEL_LAYER });
  };
  const point = (f: DxfWriteFeature, p: LngLat) => {
    const [x, y] = xy(p);
    const insert = dxf.addInsert(DXF_POINT_BLOCK, point3d(x, y, 0), { layerName: f.layer });
    const values = { CODE: f.code, NAME: f.name, STATUS: f.status };
    DXF_POINT_ATTRIBUTES.forEach((tag, i) => {
      const at = point3d(x + POINT_RADIUS_M * 1.5, y - i * TEXT_HEIGHT_M * 1.4, 0);
      dxf.addAttrib(at, TEXT_HEIGHT_M, tag, values[tag], insert, { layerName: f.layer });
    });
  };
  const line = (f: DxfWriteFeature, positions: LngLat[], closed: boolean) => {
    // A closed LWPOLYLINE does not repeat its first vertex.
    const ring = closed ? positions.slice(0, -1) : positions;
    dxf.addLWPolyline(
      ring.map((p) => ({ point: point2d(...xy(p)) })),
      { layerName: f.layer, flags: closed ? LWPolylineFlags.Closed : LWPolylineFlags.None },
    );
  };

  for (const f of input.features) {
    if (!dxf.layer(f.layer)) throw new Error(`DXF layer ${f.layer} is not declared`);
    const g = f.geometry;
    switch (g.type) {
      case 'Point':
        point(f, g.coordinates);
        break;
      case 'MultiPoint':
        for (const p of g.coordinates) point(f, p);
        break;
      case 'LineString':
        line(f, g.coordinates, false);
        label(f, g.coordinates[0]);
        break;
      case 'MultiLineString':
        for (const part of g.coordinates) line(f, part, false);
        label(f, g.coordinates[0]?.[0]);
        break;
      case 'Polygon':
        for (const ring of g.coordinates) line(f, ring, true);
        label(f, g.coordinates[0]?.[0]);
        break;
      case 'MultiPolygon':
        for (const polygon of g.coordinates) for (const ring of polygon) line(f, ring, true);
        label(f, g.coordinates[0]?.[0]?.[0]);
        break;
    }
  }
  const header = [
    comment(`Hatang DXF export: ${input.title}`),
    comment(`CRS: ${crs.nameEn} (${zone}), ${crs.nameVi}; units: metres; x = easting, y = northing`),
    comment(`proj4: ${crs.proj4}`),
    comment(
      `Layers: ${input.layers.map((l) => l.name).join(', ')}; points: block ${DXF_POINT_BLOCK} with attributes ${DXF_POINT_ATTRIBUTES.join(', ')}`,
    ),
  ].join('');
  return header + dxf.stringify();
}

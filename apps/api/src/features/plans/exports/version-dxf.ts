/**
 * A plan version as a DXF drawing for CAD users, in VN-2000 TM-3 Hải Phòng (EPSG:9210), metres.
 * Layers (ASCII; documented in the README):
 * - `HT_PLAN_<KIND>` — the items of one kind (`HT_PLAN_TOWER_SITE`, `HT_PLAN_DUCT_ROUTE`, …):
 *   points as INSERTs of `HT_POINT` with CODE (the item's stable origin id, first 8 characters),
 *   NAME and STATUS; lines as LWPOLYLINEs, areas as closed LWPOLYLINEs;
 * - `HT_ZONE_<KIND>` — the zones that apply to the version (`HT_ZONE_HERITAGE`, …);
 * - `HT_LABELS` — names of lines and areas.
 * Every kind gets its layer, empty or not, so a CAD template can rely on the list.
 */
import { type PlanItemKind, type PlanZoneKind, planItemKind, planZoneKind } from '@hatang/contracts';
import { type DxfLayerSpec, type DxfWriteFeature, dxfGeometryOf, writeDxf } from '@hatang/geo/formats';
import { VERSION_KIND_LABELS } from './export-labels.js';
import type { ExportContext } from './export-request.js';
import type { Feature } from './version-geodata.js';

/** `tower_site` → `HT_PLAN_TOWER_SITE`. */
export const itemLayer = (kind: PlanItemKind | string) => `HT_PLAN_${kind.toUpperCase()}`;
export const zoneLayer = (kind: PlanZoneKind | string) => `HT_ZONE_${kind.toUpperCase()}`;

/** AutoCAD Color Index per item kind: towers red, poles yellow, ducts and trenches blue, sea cyan. */
const ITEM_COLOR: Record<PlanItemKind, number> = {
  tower_site: 1,
  tower_area: 1,
  pole_line_build: 2,
  pole_line_remove: 30,
  duct_route: 5,
  trench: 5,
  tunnel: 150,
  undergrounding: 6,
  landing_station: 4,
  submarine_corridor: 4,
  data_centre: 3,
  wifi_point: 3,
};

export const PLAN_DXF_LAYERS: DxfLayerSpec[] = [
  ...planItemKind.options.map((kind) => ({ name: itemLayer(kind), color: ITEM_COLOR[kind] })),
  ...planZoneKind.options.map((kind) => ({ name: zoneLayer(kind), color: 8 })),
];

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The drawing's DXF text (UTF-8). */
export function versionDxf(x: ExportContext, features: { items: Feature[]; zones: Feature[] }): string {
  const out: DxfWriteFeature[] = [];
  for (const f of features.items) {
    const geometry = dxfGeometryOf(f.geometry);
    if (!geometry) continue;
    out.push({
      layer: itemLayer(text(f.properties.kind)),
      geometry,
      code: text(f.properties.originId).slice(0, 8),
      name: text(f.properties.name),
      status: text(f.properties.status),
    });
  }
  for (const f of features.zones) {
    const geometry = dxfGeometryOf(f.geometry);
    if (!geometry) continue;
    out.push({
      layer: zoneLayer(text(f.properties.kind)),
      geometry,
      code: f.id.slice(0, 8),
      name: text(f.properties.name),
      status: text(f.properties.scope),
    });
  }
  return writeDxf({
    title: `${x.plan.name} — ${x.version.name} (${VERSION_KIND_LABELS[x.version.kind].vi})`,
    layers: PLAN_DXF_LAYERS,
    features: out,
  });
}

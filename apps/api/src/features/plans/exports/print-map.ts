/**
 * Composes a print map of a plan version as a {@link Scene}: land and sea, commune boundaries,
 * the register's main assets (faint), plan zones, the version's items in colours by kind (with
 * their protection corridors), then the legend, scale bar, north arrow and title block.
 */
import type { Geometry, PlanItemKind, PlanVersionKind, PlanZoneKind } from '@hatang/contracts';
import {
  type Bilingual,
  CRS_LABEL,
  ITEM_KIND_LABELS,
  TEXT,
  VERSION_KIND_LABELS,
  ZONE_KIND_LABELS,
} from './export-labels.js';
import { formatScale, PAPERS, type PageProjection, type Paper } from './print-layout.js';
import { BASEMAP_BOX, type MapData } from './print-map-data.js';
import { type Scene, type Shape, type Style, textWidth, wrapText, type Xy } from './print-scene.js';

type Symbol = { kind: 'line'; style: Style; under?: Style } | { kind: 'area'; style: Style } | PointSymbol;
type PointSymbol = { kind: 'point'; shape: 'circle' | 'square' | 'diamond'; size: number; style: Style };

const white = '#ffffff';
/** Item symbols by kind. Widths in paper millimetres. */
export const ITEM_SYMBOLS: Record<PlanItemKind, Symbol> = {
  tower_site: {
    kind: 'point',
    shape: 'circle',
    size: 1.4,
    style: { fill: '#d7191c', stroke: white, strokeWidth: 0.25 },
  },
  tower_area: {
    kind: 'area',
    style: { fill: '#d7191c', fillOpacity: 0.18, stroke: '#d7191c', strokeWidth: 0.35, dash: [1.2, 0.6] },
  },
  pole_line_build: { kind: 'line', style: { stroke: '#7b3294', strokeWidth: 0.45 } },
  pole_line_remove: {
    kind: 'line',
    style: { stroke: '#7b3294', strokeWidth: 0.45, dash: [0.8, 0.8], strokeOpacity: 0.7 },
  },
  duct_route: { kind: 'line', style: { stroke: '#1a9641', strokeWidth: 0.6 } },
  trench: { kind: 'line', style: { stroke: '#a6611a', strokeWidth: 0.7 } },
  tunnel: { kind: 'line', style: { stroke: '#543005', strokeWidth: 0.9 } },
  undergrounding: {
    kind: 'line',
    style: { stroke: '#f28e2b', strokeWidth: 0.6, dash: [1.5, 0.7], lineCap: 'butt' },
  },
  landing_station: {
    kind: 'point',
    shape: 'square',
    size: 1.6,
    style: { fill: '#2c7bb6', stroke: white, strokeWidth: 0.25 },
  },
  submarine_corridor: {
    kind: 'line',
    style: { stroke: '#2c7bb6', strokeWidth: 0.45 },
    under: { stroke: '#2c7bb6', strokeWidth: 2, strokeOpacity: 0.22 },
  },
  data_centre: {
    kind: 'point',
    shape: 'diamond',
    size: 1.8,
    style: { fill: '#404040', stroke: white, strokeWidth: 0.25 },
  },
  wifi_point: {
    kind: 'point',
    shape: 'circle',
    size: 1.1,
    style: { fill: '#e7298a', stroke: white, strokeWidth: 0.2 },
  },
};

const ZONE_COLOURS: Record<PlanZoneKind, string> = {
  restricted: '#e41a1c',
  camouflage_required: '#4daf4a',
  underground_only: '#984ea3',
  height_limited: '#ff7f00',
  heritage: '#a65628',
  anchorage: '#377eb8',
  shipping_channel: '#08519c',
  aquaculture: '#1b9e77',
  protected_area: '#66a61e',
};
const zoneStyle = (kind: PlanZoneKind): Style => ({
  fill: ZONE_COLOURS[kind],
  fillOpacity: 0.1,
  stroke: ZONE_COLOURS[kind],
  strokeWidth: 0.3,
  dash: [0.6, 0.5],
});

const SEA: Style = { fill: '#d6e9f5' };
const LAND: Style = { fill: '#f7f4ec' };
const UNIT_LINE: Style = { stroke: '#8a8a8a', strokeWidth: 0.18, dash: [0.9, 0.4, 0.2, 0.4] };
const SELECTED_UNIT: Style = { stroke: '#303030', strokeWidth: 0.5, fill: '#fffbe6', fillOpacity: 0.35 };
const REGISTER_LINE: Style = { stroke: '#9a9a9a', strokeWidth: 0.12, strokeOpacity: 0.7 };
const REGISTER_TOWER: PointSymbol = {
  kind: 'point',
  shape: 'circle',
  size: 0.55,
  style: { fill: '#8d8d8d', fillOpacity: 0.7 },
};

export interface PrintMapInput {
  paper: Paper;
  projection: PageProjection;
  /** False when the extent is larger than the page at the smallest scale. */
  fits: boolean;
  planName: string;
  version: { name: string; kind: PlanVersionKind; approvedAt: string | null };
  /** The mapped commune, or undefined for the whole city. */
  commune?: { code: string; name: string };
  date: string;
  data: MapData;
  /** Inset maps of outlying units (Bạch Long Vĩ) that would otherwise force a smaller scale. */
  insets?: { name: string; projection: PageProjection; data: MapData }[];
}

type Ring = Xy[];

function geometryParts(g: Geometry, project: (p: readonly [number, number]) => Xy): Ring[] {
  switch (g.type) {
    case 'Point':
      return [[project(g.coordinates)]];
    case 'LineString':
      return [g.coordinates.map(project)];
    case 'Polygon':
      return g.coordinates.map((r) => r.map(project));
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r) => r.map(project)));
  }
}

function pointShape(symbol: PointSymbol, [x, y]: Xy, scale = 1): Shape {
  const s = symbol.size * scale;
  if (symbol.shape === 'circle') return { type: 'circle', cx: x, cy: y, r: s / 2, style: symbol.style };
  if (symbol.shape === 'square')
    return { type: 'rect', x: x - s / 2, y: y - s / 2, w: s, h: s, style: symbol.style };
  const h = s * 0.65;
  return {
    type: 'path',
    parts: [
      [
        [x, y - h],
        [x + h, y],
        [x, y + h],
        [x - h, y],
      ],
    ],
    closed: true,
    style: symbol.style,
  };
}

/** A circle of `radiusMm` as a polygon (for protection radii, drawn like corridors). */
const circleRing = ([x, y]: Xy, r: number): Ring =>
  Array.from({ length: 48 }, (_, i) => [
    x + r * Math.cos((i / 48) * 2 * Math.PI),
    y + r * Math.sin((i / 48) * 2 * Math.PI),
  ]);

function mapShapes(input: PrintMapInput): Shape[] {
  const { projection: proj, data } = input;
  const project = (p: readonly [number, number]) => proj.toPage(p);
  const out: Shape[] = [];
  const { frame } = proj;
  out.push({ type: 'rect', ...frame, style: { fill: '#fbfbfb' } });
  // Sea only where the basemap knows the coast; elsewhere the background stays neutral.
  const [a, b, c, d] = BASEMAP_BOX;
  const edge = (from: [number, number], to: [number, number]) =>
    Array.from({ length: 21 }, (_, i): [number, number] => [
      from[0] + ((to[0] - from[0]) * i) / 20,
      from[1] + ((to[1] - from[1]) * i) / 20,
    ]);
  const basemapBox = [
    ...edge([a, b], [c, b]),
    ...edge([c, b], [c, d]),
    ...edge([c, d], [a, d]),
    ...edge([a, d], [a, b]),
  ];
  const [vx0, vy0, vx1, vy1] = proj.lngLatBox;
  if (vx0 < c && vx1 > a && vy0 < d && vy1 > b) {
    out.push({ type: 'path', parts: [basemapBox.map(project)], closed: true, style: SEA });
    for (const land of data.land)
      out.push({ type: 'path', parts: geometryParts(land, project), closed: true, style: LAND });
  }
  const selected = data.units.find((u) => u.code === input.commune?.code);
  if (selected)
    out.push({
      type: 'path',
      parts: geometryParts(selected.geometry, project),
      closed: true,
      style: { fill: SELECTED_UNIT.fill, fillOpacity: SELECTED_UNIT.fillOpacity },
    });
  for (const unit of data.units) {
    out.push({ type: 'path', parts: geometryParts(unit.geometry, project), closed: true, style: UNIT_LINE });
  }
  // The register, faint: context for the plan, not its subject.
  out.push({
    type: 'path',
    parts: data.register.lines.flatMap((g) => geometryParts(g, project)),
    closed: false,
    style: REGISTER_LINE,
  });
  out.push({
    type: 'path',
    parts: data.register.submarine.flatMap((g) => geometryParts(g, project)),
    closed: false,
    style: { ...REGISTER_LINE, dash: [1, 0.5] },
  });
  const towerScale = proj.denominator >= 250_000 ? 0.6 : 1;
  for (const t of data.register.towers) out.push(pointShape(REGISTER_TOWER, project(t), towerScale));
  for (const s of data.register.landingStations)
    out.push(pointShape({ ...REGISTER_TOWER, shape: 'square', size: 1 }, project(s)));

  for (const zone of data.zones) {
    out.push({
      type: 'path',
      parts: geometryParts(zone.geometry, project),
      closed: true,
      style: zoneStyle(zone.kind),
    });
  }
  if (selected)
    out.push({
      type: 'path',
      parts: geometryParts(selected.geometry, project),
      closed: true,
      style: { stroke: SELECTED_UNIT.stroke, strokeWidth: SELECTED_UNIT.strokeWidth },
    });

  // Items: areas, then protection corridors, lines, then points on top.
  const order = (k: PlanItemKind) => ({ area: 0, line: 1, point: 2 })[ITEM_SYMBOLS[k].kind];
  const items = [...data.items].sort((x, y) => order(x.kind) - order(y.kind));
  for (const item of items) {
    const symbol = ITEM_SYMBOLS[item.kind];
    const parts = geometryParts(item.geometry, project);
    if (symbol.kind === 'area') out.push({ type: 'path', parts, closed: true, style: symbol.style });
    else if (symbol.kind === 'line') {
      if (symbol.under) {
        const widthM = Number(item.attributes.protectionWidthM ?? 0);
        const widthMm = Math.max(proj.mm(widthM), symbol.under.strokeWidth ?? 1);
        out.push({
          type: 'path',
          parts,
          closed: false,
          style: { ...symbol.under, strokeWidth: widthMm, lineCap: 'butt' },
        });
      }
      out.push({ type: 'path', parts, closed: false, style: symbol.style });
    } else {
      const at = parts[0]?.[0];
      if (!at) continue;
      const radiusM = Number(item.attributes.protectionRadiusM ?? 0);
      if (radiusM > 0) {
        out.push({
          type: 'path',
          parts: [circleRing(at, proj.mm(radiusM))],
          closed: true,
          style: {
            fill: symbol.style.fill,
            fillOpacity: 0.15,
            stroke: symbol.style.fill,
            strokeWidth: 0.2,
            dash: [0.6, 0.4],
          },
        });
      }
      out.push(pointShape(symbol, at));
    }
  }
  // Commune names: at large scales every unit, at city scale only the mapped one.
  const labelSize = proj.denominator >= 500_000 ? 1.5 : 2;
  for (const unit of data.units) {
    if (proj.denominator >= 500_000 && unit.code !== input.commune?.code && data.units.length > 40) continue;
    const [x, y] = project(unit.label);
    out.push({
      type: 'text',
      x,
      y,
      text: unit.name,
      size: unit.code === input.commune?.code ? labelSize * 1.4 : labelSize,
      bold: unit.code === input.commune?.code,
      anchor: 'middle',
      fill: '#444444',
      halo: true,
    });
  }
  for (const item of items) {
    if (!item.name || proj.denominator > 50_000 || ITEM_SYMBOLS[item.kind].kind !== 'point') continue;
    const at = geometryParts(item.geometry, project)[0]?.[0];
    if (at)
      out.push({
        type: 'text',
        x: at[0] + 1.4,
        y: at[1] + 0.7,
        text: item.name,
        size: 1.8,
        fill: '#222222',
        halo: true,
      });
  }
  return [
    { type: 'clip', ...frame, children: out },
    { type: 'rect', ...frame, style: { stroke: '#000000', strokeWidth: 0.35 } },
  ];
}

function northArrow(x: number, y: number): Shape[] {
  // Grid north of VN-2000 TM-3; true north differs by the meridian convergence (< 0.4° in Hai Phong).
  return [
    {
      type: 'circle',
      cx: x,
      cy: y + 6,
      r: 6.5,
      style: { fill: white, fillOpacity: 0.85, stroke: '#333333', strokeWidth: 0.2 },
    },
    {
      type: 'path',
      parts: [
        [
          [x, y + 1],
          [x + 2.6, y + 10],
          [x, y + 8.2],
        ],
      ],
      closed: true,
      style: { fill: '#111111' },
    },
    {
      type: 'path',
      parts: [
        [
          [x, y + 1],
          [x - 2.6, y + 10],
          [x, y + 8.2],
        ],
      ],
      closed: true,
      style: { fill: white, stroke: '#111111', strokeWidth: 0.2 },
    },
    {
      type: 'text',
      x,
      y: y + 3.6 - 4.2,
      text: `${TEXT.north.vi} / ${TEXT.north.en}`,
      size: 2.4,
      bold: true,
      anchor: 'middle',
      halo: true,
    },
  ];
}

/** A niceness-rounded ground length (1, 2 or 5 × 10^k metres) that is at most `maxM`. */
function niceLength(maxM: number): number {
  const p = 10 ** Math.floor(Math.log10(maxM));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= maxM) ?? p;
}
const groundLabel = (m: number) => (m >= 1000 ? `${formatScale(m / 1000)} km` : `${formatScale(m)} m`);

function scaleBar(x: number, y: number, maxWidthMm: number, proj: PageProjection): Shape[] {
  const total = niceLength((maxWidthMm * proj.denominator) / 1000);
  const widthMm = proj.mm(total);
  const segments = 4;
  const out: Shape[] = [];
  for (let i = 0; i < segments; i++) {
    out.push({
      type: 'rect',
      x: x + (widthMm * i) / segments,
      y,
      w: widthMm / segments,
      h: 1.4,
      style: { fill: i % 2 === 0 ? '#111111' : white, stroke: '#111111', strokeWidth: 0.15 },
    });
  }
  for (const [i, m] of [
    [0, 0],
    [2, total / 2],
    [4, total],
  ] as const) {
    out.push({
      type: 'text',
      x: x + (widthMm * i) / segments,
      y: y + 4.2,
      text: i === 4 ? groundLabel(m) : groundLabel(m).replace(/ (k?m)$/, ''),
      size: 2,
      anchor: 'middle',
    });
  }
  return out;
}

interface LegendEntry {
  symbol: Symbol;
  label: Bilingual;
}

function legendEntries(input: PrintMapInput): LegendEntry[] {
  const { data } = input;
  const entries: LegendEntry[] = [];
  if (data.land.length > 0) {
    entries.push({
      symbol: { kind: 'area', style: { ...SEA, stroke: '#9ab', strokeWidth: 0.1 } },
      label: TEXT.sea,
    });
    entries.push({
      symbol: { kind: 'area', style: { ...LAND, stroke: '#bbb', strokeWidth: 0.1 } },
      label: TEXT.land,
    });
  }
  entries.push({ symbol: { kind: 'line', style: UNIT_LINE }, label: TEXT.communeBoundary });
  if (input.commune)
    entries.push({ symbol: { kind: 'area', style: SELECTED_UNIT }, label: TEXT.selectedCommune });
  if (data.register.towers.length > 0)
    entries.push({ symbol: { ...REGISTER_TOWER, size: 1 }, label: TEXT.registerTowers });
  if (data.register.lines.length > 0)
    entries.push({
      symbol: { kind: 'line', style: { ...REGISTER_LINE, strokeWidth: 0.25 } },
      label: TEXT.registerLines,
    });
  const kinds = new Set(data.items.map((i) => i.kind));
  for (const kind of Object.keys(ITEM_SYMBOLS) as PlanItemKind[]) {
    if (kinds.has(kind)) entries.push({ symbol: ITEM_SYMBOLS[kind], label: ITEM_KIND_LABELS[kind] });
  }
  if (kinds.has('submarine_corridor') || kinds.has('landing_station')) {
    entries.push({
      symbol: { kind: 'area', style: { fill: '#2c7bb6', fillOpacity: 0.22 } },
      label: TEXT.protection,
    });
  }
  const zones = new Set(data.zones.map((z) => z.kind));
  for (const kind of Object.keys(ZONE_COLOURS) as PlanZoneKind[]) {
    if (zones.has(kind))
      entries.push({ symbol: { kind: 'area', style: zoneStyle(kind) }, label: ZONE_KIND_LABELS[kind] });
  }
  return entries;
}

function legendSymbol(symbol: Symbol, x: number, y: number): Shape {
  const w = 7;
  const h = 3.2;
  if (symbol.kind === 'area') return { type: 'rect', x, y: y - h / 2, w, h, style: symbol.style };
  if (symbol.kind === 'line') {
    const line: Shape = {
      type: 'path',
      parts: [
        [
          [x, y],
          [x + w, y],
        ],
      ],
      closed: false,
      style: { ...symbol.style, lineCap: 'butt' },
    };
    return symbol.under
      ? {
          type: 'clip',
          x,
          y: y - 3,
          w,
          h: 6,
          children: [{ ...line, style: { ...symbol.under, lineCap: 'butt' } }, line],
        }
      : line;
  }
  return pointShape(symbol, [x + w / 2, y]);
}

function legend(input: PrintMapInput, x: number, y: number, width: number, maxHeight: number): Shape[] {
  const entries = legendEntries(input);
  const out: Shape[] = [
    { type: 'text', x, y: y + 4, text: `${TEXT.legend.vi} / ${TEXT.legend.en}`, size: 3, bold: true },
  ];
  // Shrink the text until every entry fits the space above the title block.
  for (let size = 2.3; size >= 1.5; size -= 0.2) {
    const lineH = size * 1.3;
    const rows = entries.map((e) => wrapText(`${e.label.vi} (${e.label.en})`, size, width - 10, 2));
    const height = rows.reduce((sum, r) => sum + Math.max(4, r.length * lineH + 1.2), 0);
    if (height <= maxHeight - 7 || size - 0.2 < 1.5) {
      let cy = y + 8;
      entries.forEach((entry, i) => {
        const lines = rows[i] ?? [];
        const rowH = Math.max(4, lines.length * lineH + 1.2);
        out.push(legendSymbol(entry.symbol, x, cy + rowH / 2));
        lines.forEach((line, j) => {
          out.push({
            type: 'text',
            x: x + 9.5,
            y: cy + rowH / 2 - ((lines.length - 1) * lineH) / 2 + j * lineH + size * 0.35,
            text: line,
            size,
          });
        });
        cy += rowH;
      });
      break;
    }
  }
  return out;
}

function titleBlock(
  input: PrintMapInput,
  x: number,
  bottom: number,
  width: number,
): { shapes: Shape[]; top: number } {
  const kind = VERSION_KIND_LABELS[input.version.kind];
  const scale = `1:${formatScale(input.projection.denominator)}`;
  const rows: [Bilingual, string][] = [
    [TEXT.plan, input.planName],
    [TEXT.version, `${input.version.name} — ${kind.vi} (${kind.en})`],
    [
      TEXT.commune,
      input.commune
        ? `${input.commune.name} (${input.commune.code})`
        : `${TEXT.wholeCity.vi} (${TEXT.wholeCity.en})`,
    ],
    [TEXT.scale, scale],
    [TEXT.crs, CRS_LABEL],
    [
      TEXT.date,
      input.version.approvedAt
        ? `${input.date} (${TEXT.approvedOn.vi} ${input.version.approvedAt})`
        : input.date,
    ],
  ];
  const pad = 2;
  const inner = width - 2 * pad;
  const labelW = 21;
  const size = 2.2;
  const lineH = size * 1.35;
  const title = wrapText(TEXT.mapTitle.vi, 2.8, inner, 3, true);
  const subtitle = wrapText(TEXT.mapTitle.en, 2, inner, 2);
  const rowLines = rows.map(([, value]) => wrapText(value, size, inner - labelW, 3));
  const rowHeight = (lines: number) => Math.max(lines * lineH, 5.2) + 1;
  const height =
    pad +
    title.length * 3.6 +
    subtitle.length * 2.7 +
    1.5 +
    rowLines.reduce((s, r) => s + rowHeight(r.length), 0) +
    7 +
    pad;
  const top = bottom - height;
  const out: Shape[] = [
    {
      type: 'rect',
      x,
      y: top,
      w: width,
      h: height,
      style: { fill: white, stroke: '#000000', strokeWidth: 0.35 },
    },
  ];
  let cy = top + pad;
  for (const line of title) {
    cy += 3.6;
    out.push({
      type: 'text',
      x: x + width / 2,
      y: cy - 0.6,
      text: line,
      size: 2.8,
      bold: true,
      anchor: 'middle',
    });
  }
  for (const line of subtitle) {
    cy += 2.7;
    out.push({
      type: 'text',
      x: x + width / 2,
      y: cy - 0.4,
      text: line,
      size: 2,
      anchor: 'middle',
      fill: '#555555',
    });
  }
  cy += 1.5;
  rows.forEach(([label, _value], i) => {
    out.push({
      type: 'path',
      parts: [
        [
          [x, cy],
          [x + width, cy],
        ],
      ],
      closed: false,
      style: { stroke: '#000000', strokeWidth: 0.15 },
    });
    const lines = rowLines[i] ?? [];
    out.push({ type: 'text', x: x + pad, y: cy + lineH - 0.2, text: label.vi, size: 1.9, bold: true });
    out.push({ type: 'text', x: x + pad, y: cy + lineH + 2.2, text: label.en, size: 1.6, fill: '#666666' });
    lines.forEach((line, j) => {
      out.push({
        type: 'text',
        x: x + pad + labelW,
        y: cy + (j + 1) * lineH - 0.2,
        text: line,
        size,
        bold: label === TEXT.scale,
      });
    });
    cy += rowHeight(lines.length);
  });
  out.push({
    type: 'path',
    parts: [
      [
        [x, cy],
        [x + width, cy],
      ],
    ],
    closed: false,
    style: { stroke: '#000000', strokeWidth: 0.15 },
  });
  out.push({
    type: 'text',
    x: x + pad,
    y: bottom - pad - 0.8,
    text: `${TEXT.source.vi} / ${TEXT.source.en}`,
    size: 1.8,
    fill: '#555555',
  });
  out.push({
    type: 'text',
    x: x + width - pad,
    y: bottom - pad - 0.6,
    text: 'Hatang',
    size: 3,
    bold: true,
    anchor: 'end',
  });
  return { shapes: out, top };
}

/** The whole page. */
export function composePrintMap(input: PrintMapInput): Scene {
  const paper = PAPERS[input.paper];
  const { frame } = input.projection;
  const shapes: Shape[] = [
    { type: 'rect', x: 0, y: 0, w: paper.widthMm, h: paper.heightMm, style: { fill: white } },
  ];
  shapes.push(...mapShapes(input));
  for (const inset of input.insets ?? []) {
    const f = inset.projection.frame;
    const label = `${inset.name} — ${TEXT.scale.vi} 1:${formatScale(inset.projection.denominator)}`;
    shapes.push({
      type: 'rect',
      x: f.x - 1,
      y: f.y - 5,
      w: f.w + 2,
      h: f.h + 6,
      style: { fill: white, stroke: '#000000', strokeWidth: 0.25 },
    });
    shapes.push({
      type: 'text',
      x: f.x + f.w / 2,
      y: f.y - 1.6,
      text: label,
      size: 2.2,
      bold: true,
      anchor: 'middle',
    });
    shapes.push(...mapShapes({ ...input, projection: inset.projection, data: inset.data, insets: [] }));
  }
  shapes.push(...northArrow(frame.x + frame.w - 9, frame.y + 4));
  // Scale bar on a white card in the frame's lower left corner.
  const barMax = Math.min(60, frame.w * 0.3);
  const scaleText = `${TEXT.scale.vi} / ${TEXT.scale.en} 1:${formatScale(input.projection.denominator)}`;
  const cardW = Math.max(barMax, textWidth(scaleText, 2.4, true)) + 8;
  shapes.push({
    type: 'rect',
    x: frame.x + 3,
    y: frame.y + frame.h - 17,
    w: cardW,
    h: 14,
    style: { fill: white, fillOpacity: 0.88, stroke: '#555555', strokeWidth: 0.15 },
  });
  shapes.push({
    type: 'text',
    x: frame.x + 6,
    y: frame.y + frame.h - 12.2,
    text: scaleText,
    size: 2.4,
    bold: true,
  });
  shapes.push(...scaleBar(frame.x + 6, frame.y + frame.h - 10.5, barMax, input.projection));
  if (!input.fits) {
    shapes.push({
      type: 'text',
      x: frame.x + frame.w / 2,
      y: frame.y + 5,
      text: TEXT.clipped.vi,
      size: 2.2,
      anchor: 'middle',
      fill: '#b00000',
      halo: true,
    });
  }
  const panelX = frame.x + frame.w + 5;
  const panelW = paper.panelMm;
  const block = titleBlock(input, panelX, frame.y + frame.h, panelW);
  shapes.push(...legend(input, panelX, frame.y, panelW, block.top - frame.y - 3));
  shapes.push(...block.shapes);
  return { widthMm: paper.widthMm, heightMm: paper.heightMm, shapes };
}

/**
 * The 114 real commune-level units of Hai Phong: boundaries from
 * data/hai-phong-admin-units.geojson joined on `code` with data/hai-phong-admin-units.csv.
 * Polygon and MultiPolygon features both become MultiPolygons (polygons → rings → positions).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CsvTable, ewktMultiPolygon, ewktPoint, type LngLat, type TableCsv } from './csv.js';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export type UnitType = 'ward' | 'commune' | 'special_zone';
export type Ring = LngLat[];
export type MultiPolygonCoords = Ring[][];

export interface AdminUnit {
  /** Position in the list (sorted by code): the unit's small integer id in typed arrays. */
  index: number;
  code: string;
  name: string;
  unitType: UnitType;
  formerDistrict: string;
  areaKm2: number;
  population: number;
  label: LngLat;
  polygons: MultiPolygonCoords;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}

interface GeoJsonFeature {
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** Parses simple CSV (double-quoted fields allowed) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function bboxOf(polygons: MultiPolygonCoords): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const p of polygon[0]!) {
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
  }
  return b;
}

let cached: AdminUnit[] | undefined;

/** Loads (once per process) and joins the units, sorted by code. */
export function loadAdminUnits(dataDir = DATA_DIR): AdminUnit[] {
  if (cached && dataDir === DATA_DIR) return cached;
  const geojson = JSON.parse(readFileSync(`${dataDir}/hai-phong-admin-units.geojson`, 'utf8')) as {
    features: GeoJsonFeature[];
  };
  const shapes = new Map<string, MultiPolygonCoords>();
  for (const f of geojson.features) {
    const g = f.geometry;
    shapes.set(f.properties.code, g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  }
  const [header, ...rows] = parseCsv(readFileSync(`${dataDir}/hai-phong-admin-units.csv`, 'utf8'));
  if (!header) throw new Error('empty admin units CSV');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`admin units CSV lacks column ${name}`);
    return i;
  };
  const [cCode, cName, cType, cFormer, cArea, cPop, cLat, cLng] = [
    'code',
    'name',
    'type',
    'former_district',
    'area_km2',
    'population',
    'lat',
    'lng',
  ].map(col) as [number, number, number, number, number, number, number, number];
  const units: AdminUnit[] = rows
    .filter((r) => r.length > 1)
    .map((r) => {
      const code = r[cCode]!;
      const polygons = shapes.get(code);
      if (!polygons) throw new Error(`no boundary for unit ${code}`);
      const unitType = r[cType] as UnitType;
      if (unitType !== 'ward' && unitType !== 'commune' && unitType !== 'special_zone') {
        throw new Error(`unit ${code}: unknown type ${unitType}`);
      }
      return {
        index: 0,
        code,
        name: r[cName]!,
        unitType,
        formerDistrict: r[cFormer]!,
        areaKm2: Number(r[cArea]),
        population: Number(r[cPop]),
        label: [Number(r[cLng]), Number(r[cLat])] as LngLat,
        polygons,
        bbox: bboxOf(polygons),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  units.forEach((u, i) => {
    u.index = i;
  });
  if (units.length !== shapes.size) throw new Error(`${units.length} CSV rows for ${shapes.size} boundaries`);
  if (dataDir === DATA_DIR) cached = units;
  return units;
}

/** The admin_units rows; boundaries as EWKT MultiPolygons with the source's own coordinates. */
export function adminUnitsCsv(units: readonly AdminUnit[]): TableCsv {
  const table = new CsvTable('admin_units', [
    'code',
    'name',
    'unit_type',
    'former_district',
    'area_km2',
    'population',
    'label_point',
    'geom',
  ]);
  for (const u of units) {
    table.add([
      u.code,
      u.name,
      u.unitType,
      u.formerDistrict,
      u.areaKm2,
      u.population,
      ewktPoint(u.label),
      ewktMultiPolygon(u.polygons),
    ]);
  }
  return table.build();
}

/**
 * DXF round trip: features written by writeDxf, read back with dxf-parser (raw) and with readDxf,
 * land within 1 m of where they started. The VN-2000 transform is computed here independently,
 * with proj4 and the definition of EPSG:9210 written out (not the module's own), and distances
 * are great-circle metres (haversine; at a metre its difference from the ellipsoidal geodesic is
 * far below a millimetre).
 */
import DxfParser from 'dxf-parser';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../distance.js';
import { readDxf } from './dxf-read.js';
import { writeDxf } from './dxf-write.js';
import { defaultParseLimits } from './limits.js';

const VN2000_HAI_PHONG =
  '+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ' +
  '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 +units=m +no_defs';
const toLngLat = (x: number, y: number) => {
  const [lng, lat] = proj4(VN2000_HAI_PHONG, 'WGS84', [x, y]);
  return [lng, lat] as [number, number];
};
const fromLngLat = (p: [number, number]) => proj4('WGS84', VN2000_HAI_PHONG, p);

const tower: [number, number] = [106.6881, 20.8449];
const duct: [number, number][] = [
  [106.681, 20.851],
  [106.6832, 20.8521],
  [106.6861, 20.8508],
];
const area: [number, number][] = [
  [106.69, 20.84],
  [106.692, 20.84],
  [106.692, 20.842],
  [106.69, 20.842],
  [106.69, 20.84],
];

const drawing = () =>
  writeDxf({
    title: 'Thử nghiệm — Phương án Đông',
    layers: [
      { name: 'HT_PLAN_TOWER_SITE', color: 1 },
      { name: 'HT_PLAN_DUCT_ROUTE', color: 5 },
      { name: 'HT_PLAN_TOWER_AREA', color: 3 },
    ],
    features: [
      {
        layer: 'HT_PLAN_TOWER_SITE',
        geometry: { type: 'Point', coordinates: tower },
        code: 'T-001',
        name: 'Trạm Bãi Đá',
        status: 'planned',
      },
      {
        layer: 'HT_PLAN_DUCT_ROUTE',
        geometry: { type: 'LineString', coordinates: duct },
        code: 'D-1',
        name: 'Tuyến cống Lạch Tray',
        status: 'planned',
      },
      {
        layer: 'HT_PLAN_TOWER_AREA',
        geometry: { type: 'Polygon', coordinates: [area] },
        code: 'A-1',
        name: 'Khu cột Đồi Thông',
        status: 'existing',
      },
    ],
  });

/** The ATTRIBs following each INSERT, read from the group pairs (dxf-parser skips ATTRIB). */
function attributesOfInserts(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let inAttrib = false;
  let value = '';
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const code = lines[i]?.trim();
    const v = lines[i + 1] ?? '';
    if (code === '0') {
      inAttrib = v === 'ATTRIB';
      if (v === 'INSERT') {
        current = {};
        out.push(current);
      } else if (!inAttrib && v !== 'SEQEND') current = null;
    } else if (inAttrib && code === '1') value = v;
    else if (inAttrib && code === '2' && current) current[v] = value;
  }
  return out;
}

describe('writeDxf', () => {
  it('states the CRS and units in its header and keeps one layer per kind', () => {
    const text = drawing();
    expect(text.startsWith('999\nHatang DXF export: Thử nghiệm')).toBe(true);
    expect(text).toContain('EPSG:9210');
    const dxf = new DxfParser().parseSync(text);
    expect(dxf?.header.$INSUNITS).toBe(6);
    expect(String(dxf?.header.$PROJECTNAME)).toContain('EPSG:9210');
    expect(Object.keys(dxf?.tables.layer.layers ?? {})).toEqual(
      expect.arrayContaining(['HT_PLAN_TOWER_SITE', 'HT_PLAN_DUCT_ROUTE', 'HT_PLAN_TOWER_AREA', 'HT_LABELS']),
    );
  });

  it('puts a point, a line and an area back within 1 m of where they were (independent proj4)', () => {
    const text = drawing();
    const dxf = new DxfParser().parseSync(text);
    const entities = (dxf?.entities ?? []) as unknown as {
      type: string;
      layer: string;
      position?: { x: number; y: number };
      vertices?: { x: number; y: number }[];
      shape?: boolean;
    }[];
    const insert = entities.find((e) => e.type === 'INSERT' && e.layer === 'HT_PLAN_TOWER_SITE');
    if (!insert?.position) throw new Error('no INSERT for the tower');
    expect(haversineM(toLngLat(insert.position.x, insert.position.y), tower)).toBeLessThan(1);
    // x is the easting (≈ 600 km in Hai Phong), y the northing (≈ 2 300 km).
    const [e, n] = fromLngLat(tower);
    expect(Math.abs(insert.position.x - (e ?? 0))).toBeLessThan(0.01);
    expect(Math.abs(insert.position.y - (n ?? 0))).toBeLessThan(0.01);

    const line = entities.find((e) => e.type === 'LWPOLYLINE' && e.layer === 'HT_PLAN_DUCT_ROUTE');
    expect(line?.shape).toBeFalsy();
    expect(line?.vertices).toHaveLength(duct.length);
    line?.vertices?.forEach((v, i) => {
      expect(haversineM(toLngLat(v.x, v.y), duct[i] ?? [0, 0])).toBeLessThan(1);
    });
    const polygon = entities.find((e) => e.type === 'LWPOLYLINE' && e.layer === 'HT_PLAN_TOWER_AREA');
    expect(polygon?.shape).toBe(true);
    expect(polygon?.vertices).toHaveLength(area.length - 1);
    polygon?.vertices?.forEach((v, i) => {
      expect(haversineM(toLngLat(v.x, v.y), area[i] ?? [0, 0])).toBeLessThan(1);
    });
  });

  it('gives each point its code, name and status as block attributes', () => {
    expect(attributesOfInserts(drawing())).toEqual([
      { CODE: 'T-001', NAME: 'Trạm Bãi Đá', STATUS: 'planned' },
    ]);
  });

  it('refuses a layer name that is not plain ASCII', () => {
    expect(() => writeDxf({ title: 't', layers: [{ name: 'Cột ăng-ten', color: 1 }], features: [] })).toThrow(
      /ASCII/,
    );
  });
});

describe('readDxf', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads its own export back to GeoJSON within 1 m, with layers and the point block expanded', () => {
    const read = readDxf(bytes(drawing()), defaultParseLimits);
    expect(read.insUnits).toBe(6);
    expect(read.layers).toEqual(
      expect.arrayContaining(['HT_PLAN_TOWER_SITE', 'HT_PLAN_DUCT_ROUTE', 'HT_PLAN_TOWER_AREA']),
    );
    // The tower's INSERT becomes its block's circle, centred on the tower.
    const circle = read.features.find((f) => f.properties.layer === 'HT_PLAN_TOWER_SITE');
    expect(circle?.properties).toMatchObject({ entity: 'CIRCLE', block: 'HT_POINT' });
    if (circle?.geometry.type !== 'Polygon') throw new Error('no circle');
    const ring = circle.geometry.coordinates[0] ?? [];
    const centre: [number, number] = [
      ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1),
      ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1),
    ];
    expect(haversineM(centre, tower)).toBeLessThan(1);
    const line = read.features.find((f) => f.properties.layer === 'HT_PLAN_DUCT_ROUTE');
    if (line?.geometry.type !== 'LineString') throw new Error('no line');
    line.geometry.coordinates.forEach((p, i) => {
      expect(haversineM(p, duct[i] ?? [0, 0])).toBeLessThan(1);
    });
    const polygon = read.features.find((f) => f.properties.layer === 'HT_PLAN_TOWER_AREA');
    if (polygon?.geometry.type !== 'Polygon') throw new Error('no area');
    // The closed LWPOLYLINE is the ring again: its corners once each, closed once.
    expect(polygon.geometry.coordinates[0]).toHaveLength(area.length);
    polygon.geometry.coordinates[0]?.forEach((p, i) => {
      expect(haversineM(p, area[i] ?? [0, 0])).toBeLessThan(1);
    });
    const label = read.features.find((f) => f.properties.entity === 'TEXT');
    expect(label?.properties.text).toBe('Tuyến cống Lạch Tray');
  });

  it('skips a drawing in local coordinates instead of putting it in the sea', () => {
    const text = writeDxf({ title: 't', layers: [{ name: 'A', color: 1 }], features: [] }).replace(
      'ENTITIES\n',
      'ENTITIES\n0\nLINE\n8\nA\n10\n0\n20\n0\n30\n0\n11\n12.5\n21\n3\n31\n0\n',
    );
    const read = readDxf(bytes(text), defaultParseLimits);
    expect(read.features).toHaveLength(0);
    expect(read.skipped).toBe(1);
  });

  it('stops at a block that inserts itself, and at blocks nested past the limit', () => {
    const blocks = (n: number, self: boolean) =>
      Array.from({ length: n }, (_, i) => {
        const inner = self ? `B${i}` : `B${i + 1}`;
        const insert = i < n - 1 || self ? `0\nINSERT\n8\n0\n2\n${inner}\n10\n0\n20\n0\n30\n0\n` : '';
        return `0\nBLOCK\n8\n0\n2\nB${i}\n70\n0\n10\n0\n20\n0\n30\n0\n${insert}0\nLINE\n8\n0\n10\n600000\n20\n2300000\n30\n0\n11\n600010\n21\n2300000\n31\n0\n0\nENDBLK\n`;
      }).join('');
    const file = (n: number, self: boolean) =>
      `0\nSECTION\n2\nBLOCKS\n${blocks(n, self)}0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nINSERT\n8\n0\n2\nB0\n10\n0\n20\n0\n30\n0\n0\nENDSEC\n0\nEOF\n`;
    expect(() => readDxf(bytes(file(1, true)), defaultParseLimits)).toThrow(/maxDepth/);
    expect(() => readDxf(bytes(file(20, false)), defaultParseLimits)).toThrow(/maxDepth = 8/);
    const fine = readDxf(bytes(file(4, false)), defaultParseLimits);
    expect(fine.features).toHaveLength(4);
  });

  it('stops when block references multiply the entities past the limit', () => {
    // Each block inserts the next one ten times: 10^6 lines from a few hundred bytes.
    const tenTimes = (inner: string) =>
      Array.from({ length: 10 }, () => `0\nINSERT\n8\n0\n2\n${inner}\n10\n0\n20\n0\n30\n0\n`).join('');
    const blocks = Array.from({ length: 6 }, (_, i) => {
      const body =
        i < 5
          ? tenTimes(`C${i + 1}`)
          : '0\nLINE\n8\n0\n10\n600000\n20\n2300000\n30\n0\n11\n600010\n21\n2300000\n31\n0\n';
      return `0\nBLOCK\n8\n0\n2\nC${i}\n70\n0\n10\n0\n20\n0\n30\n0\n${body}0\nENDBLK\n`;
    }).join('');
    const text = `0\nSECTION\n2\nBLOCKS\n${blocks}0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nINSERT\n8\n0\n2\nC0\n10\n0\n20\n0\n30\n0\n0\nENDSEC\n0\nEOF\n`;
    expect(() => readDxf(bytes(text), defaultParseLimits)).toThrow(/maxFeatures = 50000/);
  });

  it('refuses a binary DXF with a message saying what to do', () => {
    const binary = new Uint8Array([...bytes('AutoCAD Binary DXF\r\n'), 0x1a, 0x00, 0, 0]);
    expect(() => readDxf(binary, defaultParseLimits)).toThrow(/ASCII DXF/);
  });
});

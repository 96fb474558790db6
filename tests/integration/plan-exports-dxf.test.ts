/**
 * A plan version as a DXF drawing for CAD users (read back with dxf-parser): VN-2000 TM-3 Hải
 * Phòng in metres, one layer per kind, each item within 1 m of where it is stored, points with
 * their attributes; drafts hidden from other organisations as every plan export is.
 */
import { fromVn2000, haversineM } from '@hatang/geo';
import DxfParser from 'dxf-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { testDatabase } from '../support/test-database.js';
import { download, type ExportFixture, exportFixture } from './plan-exports-support.js';
import { plansApp } from './plans-support.js';

let app: App;
let f: ExportFixture;

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  f = await exportFixture(app, db);
});

interface Entity {
  type: string;
  layer: string;
  position?: { x: number; y: number };
  vertices?: { x: number; y: number }[];
  shape?: boolean;
  text?: string;
}

const itemNamed = (name: string) => {
  const item = f.items.find((i) => i.name === name);
  if (!item) throw new Error(`no fixture item ${name}`);
  return item;
};

/** The values of the ATTRIBs that follow each INSERT (dxf-parser does not read ATTRIB). */
function insertAttributes(text: string): Record<string, string>[] {
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

describe('plan version as DXF', () => {
  it('draws every item on its kind’s layer in VN-2000 metres, within 1 m of the stored position', async () => {
    const file = await download(app, `/api/v1/plan-versions/${f.draftId}/export.dxf`, f.planner);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/vnd.dxf');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[\x20-\x7e]+-EPSG9210\.dxf"$/,
    );
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toMatch(/^999\nHatang DXF export: /);
    expect(text).toContain('EPSG:9210');
    const dxf = new DxfParser().parseSync(text);
    if (!dxf) throw new Error('the DXF did not parse');
    expect(dxf.header.$INSUNITS).toBe(6);
    expect(Object.keys(dxf.tables.layer.layers)).toEqual(
      expect.arrayContaining([
        'HT_PLAN_TOWER_SITE',
        'HT_PLAN_TOWER_AREA',
        'HT_PLAN_DUCT_ROUTE',
        'HT_PLAN_SUBMARINE_CORRIDOR',
        'HT_PLAN_WIFI_POINT',
        'HT_ZONE_HERITAGE',
        'HT_LABELS',
      ]),
    );
    const entities = dxf.entities as unknown as Entity[];
    const at = (e: { x: number; y: number }) => fromVn2000({ x: e.x, y: e.y });

    // The version may hold other tower sites (snapshotted from the register) in any order: the
    // fixture's own is the INSERT on the layer nearest to it, and it must be within 1 m.
    const towerAt = itemNamed('Trạm Bãi Đá').geometry.coordinates as [number, number];
    const towerOffsetsM = entities
      .filter((e) => e.type === 'INSERT' && e.layer === 'HT_PLAN_TOWER_SITE' && e.position)
      .map((e) => haversineM(at(e.position ?? { x: 0, y: 0 }), towerAt));
    expect(towerOffsetsM.length).toBeGreaterThan(0);
    expect(Math.min(...towerOffsetsM)).toBeLessThan(1);

    const ductAt = itemNamed('Tuyến cống Lạch Tray').geometry.coordinates as [number, number][];
    const startOffsetM = (e: Entity) =>
      haversineM(at(e.vertices?.[0] ?? { x: 0, y: 0 }), ductAt[0] ?? [0, 0]);
    const duct = entities
      .filter((e) => e.type === 'LWPOLYLINE' && e.layer === 'HT_PLAN_DUCT_ROUTE')
      .sort((a, b) => startOffsetM(a) - startOffsetM(b))[0];
    expect(duct?.shape).toBeFalsy();
    expect(duct?.vertices).toHaveLength(ductAt.length);
    duct?.vertices?.forEach((v, i) => {
      expect(haversineM(at(v), ductAt[i] ?? [0, 0])).toBeLessThan(1);
    });

    const area = entities.find((e) => e.type === 'LWPOLYLINE' && e.layer === 'HT_PLAN_TOWER_AREA');
    const ring = (itemNamed('Khu cột Đồi Thông').geometry.coordinates as [number, number][][])[0] ?? [];
    expect(area?.shape).toBe(true);
    expect(area?.vertices).toHaveLength(ring.length - 1);
    area?.vertices?.forEach((v, i) => {
      expect(haversineM(at(v), ring[i] ?? [0, 0])).toBeLessThan(1);
    });
    expect(entities.some((e) => e.type === 'LWPOLYLINE' && e.layer === 'HT_ZONE_HERITAGE')).toBe(true);
    expect(entities.find((e) => e.type === 'TEXT' && e.text === 'Tuyến cống Lạch Tray')?.layer).toBe(
      'HT_LABELS',
    );

    const attributes = insertAttributes(text);
    expect(attributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ NAME: 'Trạm Bãi Đá', STATUS: 'planned' }),
        expect.objectContaining({ NAME: 'Nhà văn hóa thôn Đông', STATUS: 'planned' }),
      ]),
    );
    for (const a of attributes) expect(a.CODE).toMatch(/^[0-9a-f]{8}$/);
  });

  it('hides a draft from another organisation (404) and serves it the approved version', async () => {
    expect((await download(app, `/api/v1/plan-versions/${f.draftId}/export.dxf`, f.viewer)).status).toBe(404);
    expect((await download(app, `/api/v1/plan-versions/${f.approvedId}/export.dxf`, f.viewer)).status).toBe(
      200,
    );
    expect(
      (await download(app, `/api/v1/plan-versions/${crypto.randomUUID()}/export.dxf`, f.planner)).status,
    ).toBe(404);
  });
});

/**
 * CAD drawings on permit applications: the works as DXF (read back with dxf-parser, within 1 m),
 * DXF and DWG attachments checked by their bytes and limits (nothing stored when refused), and the
 * attached DXF served as GeoJSON for the reviewer's map with the application's access rule.
 */
import { fromVn2000, haversineM, toVn2000 } from '@hatang/geo';
import DxfParser from 'dxf-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { drawingForm, dxfBytes, PNG_BYTES, send, towerApplication } from './permits-support.js';

type Info = { id: string; mediaType: string; fileName: string; error?: { code: string; message: string } };

let app: App;
let operator: Session;
let otherOperator: Session;
let reviewer: Session;
let otherInspector: Session;

const centre = farAway(1500); // its unit (±0.01°) clear of every other file's
const at = (n: number): [number, number] => [Number((centre[0] + n * 0.0006).toFixed(6)), centre[1]];
/** The drawings' spot: in Hai Phong, where VN-2000 TM-3 105°45′ is the drawing's CRS. */
const SITE: [number, number] = [106.6852, 20.8561];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  await createUnitWithCells(db, centre, 'Phường Bản Vẽ');
  const org = await createOrganisation(db, 'operator');
  operator = await sessionFor(app, db, org, ['operator_editor']);
  otherOperator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  const elsewhere = await createOrganisation(db, 'commune');
  const otherUnit = await createUnitWithCells(db, farAway(1530), 'Xã Khác');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [elsewhere, otherUnit]);
  otherInspector = await sessionFor(app, db, elsewhere, ['inspector']);
});

const draft = (n: number) =>
  send(app, operator.headers, '/api/v1/permit-applications', {
    method: 'POST',
    json: towerApplication(at(n), {}, { title: `Hồ sơ bản vẽ ${n}` }),
  });
const upload = async (as: Session, id: string, form: FormData) => {
  const response = await app.request(`/api/v1/permit-applications/${id}/attachments`, {
    method: 'POST',
    headers: as.headers,
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Info };
};
const get = (path: string, as?: Session) => app.request(path, { headers: as?.headers ?? {} });
const stored = async (id: string) =>
  (
    await (
      await testDatabase()
    ).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attachments WHERE subject_kind = 'permit_application' AND subject_id = $1`,
      [id],
    )
  )[0]?.n;

const DWG = new Uint8Array([...new TextEncoder().encode('AC1032'), 0, 0, 0, 0, 0, 0x0f, 0, 0, 0, 1, 2, 3]);

describe("a permit application's works as DXF", () => {
  it('draws the tower as a block on HT_PERMIT_TOWER in VN-2000 metres, within 1 m', async () => {
    const a = await draft(1);
    const response = await get(`/api/v1/permit-applications/${a.id}/works.dxf`, reviewer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/vnd.dxf');
    expect(response.headers.get('content-disposition')).toMatch(/works-EPSG9210\.dxf"$/);
    const text = await response.text();
    expect(text).toContain('EPSG:9210');
    const dxf = new DxfParser().parseSync(text);
    expect(dxf?.header.$INSUNITS).toBe(6);
    expect(Object.keys(dxf?.tables.layer.layers ?? {})).toContain('HT_PERMIT_TOWER');
    const insert = (dxf?.entities ?? []).find((e) => e.type === 'INSERT') as unknown as
      | { layer: string; position: { x: number; y: number } }
      | undefined;
    expect(insert?.layer).toBe('HT_PERMIT_TOWER');
    if (!insert) throw new Error('no INSERT');
    expect(haversineM(fromVn2000(insert.position), at(1))).toBeLessThan(1);
    expect(text).toContain(`Hồ sơ bản vẽ 1`);
  });

  it('answers 404 to another operator, as reading the application does', async () => {
    const a = await draft(2);
    expect((await get(`/api/v1/permit-applications/${a.id}/works.dxf`, otherOperator)).status).toBe(404);
    expect((await get(`/api/v1/permit-applications/${a.id}/works.dxf`, operator)).status).toBe(200);
    expect((await get(`/api/v1/permit-applications/${a.id}/works.dxf`)).status).toBe(401);
  });
});

describe('DXF and DWG attachments', () => {
  it('takes a DXF and a DWG by their bytes, and gives them back as downloads', async () => {
    const a = await draft(3);
    const dxf = await upload(operator, a.id, drawingForm(dxfBytes(SITE), 'mặt bằng móng.dxf'));
    expect(dxf.status).toBe(201);
    expect(dxf.body.mediaType).toBe('image/vnd.dxf');
    const dwg = await upload(operator, a.id, drawingForm(DWG, 'mặt bằng.DWG'));
    expect(dwg.status).toBe(201);
    expect(dwg.body.mediaType).toBe('image/vnd.dwg');
    const back = await get(`/api/v1/permit-applications/${a.id}/attachments/${dwg.body.id}`, reviewer);
    expect(back.headers.get('content-type')).toBe('image/vnd.dwg');
    expect(back.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(DWG);
    expect(await stored(a.id)).toBe(2);
  });

  it('refuses junk named .dxf (415) and a drawing over 10 MiB (413); nothing is saved', async () => {
    const a = await draft(4);
    const junk = await upload(
      operator,
      a.id,
      drawingForm(new TextEncoder().encode('SECTION? no.\n'), 'giả.dxf'),
    );
    expect(junk.status).toBe(415);
    expect(junk.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(junk.body.error?.message).toMatch(/PDF, JPEG, PNG, DXF or DWG/);
    const text = new TextEncoder().encode(`${new TextDecoder().decode(dxfBytes(SITE))}999\n`);
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20);
    big.set(text);
    const tooBig = await upload(operator, a.id, drawingForm(big, 'lớn.dxf'));
    expect(tooBig.status).toBe(413);
    expect(await stored(a.id)).toBe(0);
  });

  it('refuses a DXF whose blocks nest past the limit (422 naming it); nothing is saved', async () => {
    const a = await draft(5);
    const { x, y } = toVn2000(SITE);
    const blocks = Array.from({ length: 30 }, (_, i) =>
      [
        '0',
        'BLOCK',
        '8',
        '0',
        '2',
        `B${i}`,
        '70',
        '0',
        '10',
        '0',
        '20',
        '0',
        '30',
        '0',
        ...(i < 29 ? ['0', 'INSERT', '8', '0', '2', `B${i + 1}`, '10', '0', '20', '0', '30', '0'] : []),
        '0',
        'LINE',
        '8',
        '0',
        '10',
        String(x),
        '20',
        String(y),
        '30',
        '0',
        '11',
        String(x + 5),
        '21',
        String(y),
        '31',
        '0',
        '0',
        'ENDBLK',
      ].join('\n'),
    ).join('\n');
    const hostile = [
      '0',
      'SECTION',
      '2',
      'BLOCKS',
      blocks,
      '0',
      'ENDSEC',
      '0',
      'SECTION',
      '2',
      'ENTITIES',
      '0',
      'INSERT',
      '8',
      '0',
      '2',
      'B0',
      '10',
      '0',
      '20',
      '0',
      '30',
      '0',
      '0',
      'ENDSEC',
      '0',
      'EOF',
      '',
    ].join('\n');
    const refused = await upload(
      operator,
      a.id,
      drawingForm(new TextEncoder().encode(hostile), 'lồng nhau.dxf'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('LIMIT_EXCEEDED');
    expect(refused.body.error?.message).toMatch(/maxDepth/);
    expect(await stored(a.id)).toBe(0);
  });
});

describe('an attached DXF on the reviewer’s map', () => {
  it('serves its entities as WGS 84 GeoJSON within 1 m, by layer, to whoever reads the application', async () => {
    const a = await draft(6);
    const added = await upload(operator, a.id, drawingForm(dxfBytes(SITE), 'mặt bằng.dxf'));
    expect(added.status).toBe(201);
    const path = `/api/v1/permit-applications/${a.id}/attachments/${added.body.id}/drawing.geojson`;
    const response = await get(path, reviewer);
    expect(response.status).toBe(200);
    const drawing = (await response.json()) as {
      type: string;
      sourceCrs: string;
      layers: string[];
      skipped: number;
      bbox: number[];
      features: {
        geometry: { type: string; coordinates: unknown };
        properties: { layer: string; text: string | null };
      }[];
    };
    expect(drawing).toMatchObject({ type: 'FeatureCollection', sourceCrs: 'EPSG:9210', skipped: 0 });
    expect(drawing.layers).toEqual(['RANH_GIOI', 'MONG_COT', 'GHI_CHU']);
    const { x, y } = toVn2000(SITE);
    const line = drawing.features.find((f) => f.properties.layer === 'RANH_GIOI');
    const [start, end] = (line?.geometry.coordinates ?? []) as [number, number][];
    expect(haversineM(start ?? [0, 0], SITE)).toBeLessThan(1);
    expect(haversineM(end ?? [0, 0], fromVn2000({ x: x + 20, y }))).toBeLessThan(1);
    expect(haversineM(start ?? [0, 0], end ?? [0, 0])).toBeGreaterThan(19);
    const square = drawing.features.find((f) => f.properties.layer === 'MONG_COT');
    expect(square?.geometry.type).toBe('Polygon');
    expect(((square?.geometry.coordinates ?? []) as number[][][])[0]).toHaveLength(5);
    expect(drawing.features.find((f) => f.properties.layer === 'GHI_CHU')?.properties.text).toBe('Mong cot');

    expect((await get(path, operator)).status).toBe(200);
    expect((await get(path, otherOperator)).status).toBe(404);
    expect((await get(path, otherInspector)).status).toBe(404);
    expect((await get(path)).status).toBe(401);
  });

  it('says plainly that a DWG (or a PNG) is not drawn (422), and 404 for an unknown attachment', async () => {
    const a = await draft(7);
    const dwg = await upload(operator, a.id, drawingForm(DWG, 'mặt bằng.dwg'));
    const png = await upload(operator, a.id, drawingForm(PNG_BYTES, 'ảnh.png'));
    const base = `/api/v1/permit-applications/${a.id}/attachments`;
    const answer = await get(`${base}/${dwg.body.id}/drawing.geojson`, reviewer);
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as Info).error?.code).toBe('DRAWING_NOT_READABLE');
    expect((await get(`${base}/${png.body.id}/drawing.geojson`, reviewer)).status).toBe(422);
    expect((await get(`${base}/${crypto.randomUUID()}/drawing.geojson`, reviewer)).status).toBe(404);
  });
});

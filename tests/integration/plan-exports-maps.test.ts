/**
 * Print maps of a plan version: the PDF parsed with pdf.js (one page of the paper size, the
 * title block, the scale and the legend as text) and the PNG decoded (size, and not blank: the
 * colours of the items are there).
 */
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
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

const PT_PER_MM = 72 / 25.4;

async function pdfText(bytes: Uint8Array) {
  const pdf = await getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('\n');
  return { pages: pdf.numPages, view: page.view, text };
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what resvg writes) into its pixels. */
function decodePng(bytes: Uint8Array): {
  width: number;
  height: number;
  pixel: (x: number, y: number) => number[];
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.slice(offset + 4, offset + 8));
    const data = bytes.slice(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // not interlaced
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (out[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (out[(y - 1) * stride + i - channels] ?? 0) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, Math.floor((a + b) / 2), paeth()][filter] ?? 0;
      out[y * stride + i] = (x + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => [...out.slice(y * stride + x * channels, y * stride + x * channels + 3)],
  };
}

describe('print map', () => {
  it('writes a one-page A4 landscape PDF with the title block, scale and legend of the commune', async () => {
    const file = await download(
      app,
      `/api/v1/plan-versions/${f.draftId}/map.pdf?commune=${f.communeCode}`,
      f.planner,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[\x20-\x7e]+_map-A4\.pdf"$/,
    );
    // The commune is a 0.02° square at 19.2° N: 2.10 km × 2.21 km, 2.30 km high with the 4 %
    // margin; the A4 frame (198 × 190 mm) holds 1.90 km at 1:10 000, so 1:25 000 is the largest fit.
    expect(file.headers.get('x-map-scale')).toBe('1:25000');
    const { pages, view, text } = await pdfText(file.bytes);
    expect(pages).toBe(1);
    expect(view[2]).toBeCloseTo(297 * PT_PER_MM, 0);
    expect(view[3]).toBeCloseTo(210 * PT_PER_MM, 0);
    for (const expected of [
      'BẢN ĐỒ QUY HOẠCH HẠ TẦNG KỸ THUẬT',
      'CHÚ GIẢI / Legend',
      '1:25 000',
      'VN-2000 / TM-3 Hải Phòng (EPSG:9210)',
      `${f.communeName} (${f.communeCode})`,
      'Phương án Đông — Dự thảo (Draft)',
      'Hatang',
      'Tuyến cống bể cáp (Duct and manhole route)',
      'Khu vực bố trí cột ăng-ten dùng chung (Shared tower area)',
      'Hành lang tuyến cáp biển (Submarine cable corridor)',
      'Điểm WiFi công cộng (Public WiFi point)',
      'Khu di tích, di sản (Heritage)',
      'B / N',
    ]) {
      expect(text.replace(/\n/g, ' ')).toContain(expected);
    }
    // The plan name is wrapped over lines in the title block: every word is there.
    for (const word of f.planName.split(' ')) expect(text).toContain(word);
  });

  it('writes A3 when asked, and the whole city without a commune', async () => {
    const a3 = await download(
      app,
      `/api/v1/plan-versions/${f.approvedId}/map.pdf?paper=A3&commune=${f.communeCode}`,
      f.viewer,
    );
    expect(a3.status).toBe(200);
    const { view, text } = await pdfText(a3.bytes);
    expect(view[2]).toBeCloseTo(420 * PT_PER_MM, 0);
    expect(view[3]).toBeCloseTo(297 * PT_PER_MM, 0);
    expect(text).toContain('Đã phê duyệt');
    const city = await download(app, `/api/v1/plan-versions/${f.approvedId}/map.pdf`, f.viewer);
    expect(city.status).toBe(200);
    expect(city.headers.get('x-map-scale')).toMatch(/^1:\d+$/);
    expect((await pdfText(city.bytes)).text).toContain('Toàn thành phố Hải Phòng');
  });

  it('writes a 150 dpi PNG of the same map that shows the items in their colours', async () => {
    const file = await download(
      app,
      `/api/v1/plan-versions/${f.draftId}/map.png?commune=${f.communeCode}`,
      f.planner,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const png = decodePng(file.bytes);
    expect(png.width).toBe(Math.round((297 / 25.4) * 150));
    expect(png.height).toBeGreaterThanOrEqual(1239);
    const colours = new Map<string, number>();
    for (let y = 0; y < png.height; y += 3) {
      for (let x = 0; x < png.width; x += 3) {
        const key = png.pixel(x, y).join(',');
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
    }
    expect(colours.size).toBeGreaterThan(50);
    // The duct route's green (#1a9641) and the tower site's red (#d7191c), as drawn.
    const near = (rgb: number[]) =>
      [...colours.keys()].some((k) => k.split(',').every((v, i) => Math.abs(Number(v) - (rgb[i] ?? 0)) <= 6));
    expect(near([0x1a, 0x96, 0x41])).toBe(true);
    expect(near([0xd7, 0x19, 0x1c])).toBe(true);
  });

  it('hides a draft map from a viewer', async () => {
    expect((await download(app, `/api/v1/plan-versions/${f.draftId}/map.png`, f.viewer)).status).toBe(404);
    expect((await download(app, `/api/v1/plan-versions/${f.draftId}/map.pdf`, f.viewer)).status).toBe(404);
  });
});

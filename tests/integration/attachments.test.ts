/**
 * The shared attachment store: uploads are checked by their first bytes and size before anything
 * is written, stored whole in the database and read back byte for byte.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentSubject,
  attachmentResponse,
  insertAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  readAttachment,
  readAttachmentUpload,
} from '../../apps/api/src/attachments/index.js';
import type { AppEnv } from '../../apps/api/src/context.js';
import { onError } from '../../apps/api/src/middleware/error-handler.js';
import { testDatabase } from '../support/test-database.js';

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

let app: Hono<AppEnv>;
const subject: AttachmentSubject = { kind: 'violation', id: crypto.randomUUID() };

beforeAll(async () => {
  const db = await testDatabase();
  app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.onError(onError);
  app.post('/things/:id/attachments', async (c) => {
    const upload = await readAttachmentUpload(c);
    const info = await db.transaction((tx) => insertAttachment(tx, subject, upload, null));
    return c.json(info, 201);
  });
  app.get('/things/:id/attachments/:attachmentId', async (c) =>
    attachmentResponse(c, await readAttachment(db, subject, c.req.param('attachmentId'))),
  );
});

function upload(bytes: Uint8Array, name: string, purpose?: string) {
  const form = new FormData();
  form.set('file', new File([bytes.slice().buffer as ArrayBuffer], name));
  if (purpose !== undefined) form.set('purpose', purpose);
  return app.request(`/things/${subject.id}/attachments`, { method: 'POST', body: form });
}

const stored = async () => (await listAttachments(await testDatabase(), subject)).length;

describe('attachments', () => {
  it('stores a PNG, a PDF and a JPEG by what their bytes are, and returns them byte for byte', async () => {
    const before = await stored();
    for (const [bytes, name, type] of [
      [PNG, 'ảnh hiện trường.png', 'image/png'],
      [PDF, 'bản vẽ.pdf', 'application/pdf'],
      [JPEG, 'photo.JPG', 'image/jpeg'],
    ] as const) {
      const response = await upload(bytes, name, 'photo');
      expect(response.status).toBe(201);
      const info = (await response.json()) as {
        id: string;
        mediaType: string;
        sizeBytes: number;
        fileName: string;
      };
      expect(info).toMatchObject({ mediaType: type, sizeBytes: bytes.byteLength, fileName: name });
      const download = await app.request(`/things/${subject.id}/attachments/${info.id}`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe(type);
      expect(download.headers.get('content-disposition')).toContain(encodeURIComponent(name));
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    }
    expect(await stored()).toBe(before + 3);
  });

  it('refuses a text file named .png with 415 and stores nothing', async () => {
    const before = await stored();
    const response = await upload(new TextEncoder().encode('not really a picture'), 'fake.png');
    expect(response.status).toBe(415);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(body.error.message).toContain('fake.png');
    expect(body.error.requestId).toBeTruthy();
    expect(await stored()).toBe(before);
  });

  it('takes no CAD drawing by default (only permit applications do): a DXF or DWG gets 415', async () => {
    const before = await stored();
    const dxf = new TextEncoder().encode('999\ncomment\n0\nSECTION\n2\nENTITIES\n0\nENDSEC\n0\nEOF\n');
    const dwg = new TextEncoder().encode('AC1027\0\0\0\0\0');
    for (const [bytes, name] of [
      [dxf, 'mặt bằng.dxf'],
      [dwg, 'mặt bằng.dwg'],
    ] as const) {
      const response = await upload(bytes, name);
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /PDF, JPEG or PNG/,
      );
    }
    expect(await stored()).toBe(before);
  });

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const before = await stored();
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    const response = await upload(big, 'big.png');
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await stored()).toBe(before);
  });

  it('refuses an empty file, a bad purpose and a body that is not multipart', async () => {
    expect((await upload(new Uint8Array(), 'empty.png')).status).toBe(400);
    expect((await upload(PNG, 'x.png', 'Drop Table')).status).toBe(400);
    const json = await app.request(`/things/${subject.id}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
  });

  it('answers 404 for an unknown or malformed attachment id', async () => {
    expect((await app.request(`/things/${subject.id}/attachments/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await app.request(`/things/${subject.id}/attachments/nope`)).status).toBe(404);
  });

  it('keeps path separators and control characters out of the stored file name', async () => {
    const response = await upload(PNG, '../..\\evil\u0007.png');
    const info = (await response.json()) as { fileName: string };
    expect(info.fileName).toBe('.._.._evil_.png');
  });
});

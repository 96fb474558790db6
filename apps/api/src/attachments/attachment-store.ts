import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttachmentInfoBody, attachmentInfo } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { attachments } from '@hatang/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../http/body.js';
import { readMultipart } from '../http/multipart.js';
import { defaultUploadLimits } from '../jobs/upload-limits.js';
import {
  type AttachmentType,
  DOCUMENT_TYPES,
  SNIFF_BYTES,
  sniffAttachmentType,
  TYPE_NAMES,
} from './file-type.js';

export type AttachmentSubjectKind = 'permit_application' | 'violation' | 'colocation_request';

export interface AttachmentSubject {
  kind: AttachmentSubjectKind;
  id: string;
}

/** An attachment as lists show it (no content): the contract's shape. */
export type AttachmentInfo = AttachmentInfoBody;

/** A checked upload, ready to store. */
export interface UploadedAttachment {
  fileName: string;
  mediaType: AttachmentType;
  bytes: Uint8Array;
  purpose: string;
}

const DEFAULT_LIMITS = defaultUploadLimits(join(tmpdir(), 'hatang-uploads'));
const PURPOSE = /^[a-z][a-z_]{0,39}$/;

/**
 * Reads one file from a multipart body (part `file`, optional text part `purpose`) and checks it:
 * 415 unless multipart; 413 past the attachment limit (10 MiB by default) counted on the bytes
 * read, chunked bodies included, without reading further; 415 unless its first bytes are one of
 * `accepts` (PDF, JPEG or PNG by default; DXF and DWG too for drawings) whatever its name or
 * declared type says; 400 for an empty file, a bad purpose or a
 * body that is not multipart. The body is spooled to a temporary file, removed before this
 * returns. Call it only after access is checked. Nothing is stored here: the caller stores it in
 * its own transaction.
 */
export async function readAttachmentUpload(
  c: Context<AppEnv>,
  accepts: readonly AttachmentType[] = DOCUMENT_TYPES,
): Promise<UploadedAttachment> {
  // An app without the upload limits (a test's bare Hono app) gets the production defaults.
  const limits = c.get('uploads')?.limits ?? DEFAULT_LIMITS;
  const maxBytes = limits.maxAttachmentBytes;
  const upload = await readMultipart(c, {
    maxFileBytes: maxBytes,
    spoolDir: limits.spoolDir,
    tooLarge: () => tooLarge(maxBytes),
  });
  try {
    const { file, fields } = upload;
    if (!file) throw validationFailed([{ path: ['file'], message: 'attach the file as the "file" part' }]);
    if (file.size === 0) throw validationFailed([{ path: ['file'], message: 'the file is empty' }]);
    const purpose = fields.purpose ? fields.purpose : 'other';
    if (!PURPOSE.test(purpose))
      throw validationFailed([
        { path: ['purpose'], message: 'a purpose is a lower-case word like "photo" or "drawing"' },
      ]);
    const mediaType = sniffAttachmentType(await firstBytes(file.path, SNIFF_BYTES));
    if (!mediaType || !accepts.includes(mediaType)) {
      const names = accepts.map((t) => TYPE_NAMES[t]);
      const list = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `"${file.name}" is not a ${list} file by its content (only ${accepts.join(', ')} are accepted); nothing was saved`,
      );
    }
    // Path separators and control characters never reach a Content-Disposition header.
    const fileName = [...(file.name || 'file')]
      .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch))
      .join('')
      .slice(0, 200);
    return { fileName, mediaType, bytes: new Uint8Array(await readFile(file.path)), purpose };
  } finally {
    await upload.remove();
  }
}

async function firstBytes(path: string, count: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const tooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    'PAYLOAD_TOO_LARGE',
    `An attachment may be at most ${maxBytes} bytes (maxAttachmentBytes = ${maxBytes}); nothing was saved`,
    [{ path: ['file'], message: `maxAttachmentBytes = ${maxBytes}` }],
  );

/** Stores a checked upload for `subject` in the caller's transaction; returns what lists show. */
export async function insertAttachment(
  tx: Sql,
  subject: AttachmentSubject,
  file: UploadedAttachment,
  createdBy: string | null,
): Promise<AttachmentInfo> {
  const id = crypto.randomUUID();
  await orm(tx)
    .insert(attachments)
    .values({
      id,
      subjectKind: subject.kind,
      subjectId: subject.id,
      purpose: file.purpose,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.bytes.byteLength,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      // Bytes travel as base64 text: the one bytea form both drivers pass alike.
      content: sql`decode(${Buffer.from(file.bytes).toString('base64')}, 'base64')`,
      createdBy,
    });
  const [info] = await listAttachments(tx, subject, id);
  if (!info) throw new Error('attachment vanished after insert');
  return info;
}

const infoFields = {
  id: attachments.id,
  purpose: attachments.purpose,
  fileName: attachments.fileName,
  mediaType: attachments.mediaType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  createdBy: attachments.createdBy,
  createdAt: attachments.createdAt,
};

/** The media type column holds the sniffed types only (the upload check): read as such. */
const toInfo = (row: RowOf<typeof infoFields>): AttachmentInfo => ({
  ...row,
  mediaType: attachmentInfo.shape.mediaType.parse(row.mediaType),
});

const ofSubject = (subject: AttachmentSubject) =>
  and(eq(attachments.subjectKind, subject.kind), eq(attachments.subjectId, subject.id));

/** The subject's attachments (or the one with `onlyId`), oldest first, without content. */
export async function listAttachments(
  on: Sql,
  subject: AttachmentSubject,
  onlyId?: string,
): Promise<AttachmentInfo[]> {
  const rows = await orm(on)
    .select(infoFields)
    .from(attachments)
    .where(and(ofSubject(subject), onlyId === undefined ? undefined : eq(attachments.id, onlyId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map(toInfo);
}

/** One attachment with its bytes; 404 when it is not the subject's. */
export async function readAttachment(
  on: Sql,
  subject: AttachmentSubject,
  id: string,
): Promise<AttachmentInfo & { bytes: Uint8Array }> {
  if (!isUuid(id)) throw notFound('Attachment');
  const [row] = await orm(on)
    .select({ ...infoFields, content: sql<string>`encode(${attachments.content}, 'base64')` })
    .from(attachments)
    .where(and(ofSubject(subject), eq(attachments.id, id)));
  if (!row) throw notFound('Attachment');
  const { content, ...info } = row;
  return { ...toInfo(info), bytes: new Uint8Array(Buffer.from(content, 'base64')) };
}

/** The HTTP answer that downloads an attachment (inline for photos, a file for PDFs and drawings). */
export function attachmentResponse(
  c: Context<AppEnv>,
  file: AttachmentInfo & { bytes: Uint8Array },
): Response {
  const disposition =
    file.mediaType === 'image/jpeg' || file.mediaType === 'image/png' ? 'inline' : 'attachment';
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
  c.header('Content-Type', file.mediaType);
  c.header('Content-Length', String(file.bytes.byteLength));
  c.header(
    'Content-Disposition',
    `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'private, max-age=0');
  return c.body(file.bytes.slice().buffer as ArrayBuffer);
}

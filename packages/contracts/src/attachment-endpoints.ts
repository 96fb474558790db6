/**
 * Files attached to a record (permit applications, violation reports, co-location requests): the
 * same three endpoints under each record's path. An upload is multipart (`file`, optional text part
 * `purpose`), PDF/JPEG/PNG (and DXF/DWG drawings on permit applications), up to the server's attachment limit (10 MiB by default): larger
 * → 413, another kind → 415, nothing stored.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';

/** An attachment as lists show it (no content). */
export const attachmentInfo = z.object({
  id: z.string(),
  /** What it is for: a lower-case word (`photo`, `drawing`, `owner_consent`, `other`…). */
  purpose: z.string(),
  fileName: z.string(),
  /** Recognised by the first bytes; DXF (`image/vnd.dxf`) and DWG (`image/vnd.dwg`) on permit applications only. */
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/vnd.dxf', 'image/vnd.dwg']),
  sizeBytes: z.number().int(),
  /** SHA-256 of the content, hexadecimal. */
  sha256: z.string(),
  /** The uploader's user id; null when unknown. */
  createdBy: z.string().nullable(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
});
export type AttachmentInfoBody = z.infer<typeof attachmentInfo>;

export const attachmentList = z.object({ items: z.array(attachmentInfo) });

const recordId = z.object({ id: z.guid() });
const attachmentId = z.object({ id: z.guid(), attachmentId: z.guid() });
const notFound = { description: 'No such record or attachment (or not visible to the caller)' };

/**
 * The list, upload and download endpoints of the attachments of the records at `base`
 * (`/api/v1/violations`): `noun` names the record in summaries ("violation report").
 */
export function attachmentEndpoints<const Base extends string>(base: Base, tag: string, noun: string) {
  return {
    list: endpoint({
      method: 'GET',
      path: `${base}/:id/attachments` as `${Base}/:id/attachments`,
      tag,
      summary: `The files attached to a ${noun}, oldest first`,
      params: recordId,
      responses: {
        200: { description: 'The attachments (no content)', schema: attachmentList },
        404: notFound,
      },
    }),
    upload: endpoint({
      method: 'POST',
      path: `${base}/:id/attachments` as `${Base}/:id/attachments`,
      tag,
      summary: `Attach a file (PDF, JPEG or PNG; DXF or DWG drawings on permit applications) to a ${noun}`,
      params: recordId,
      upload: {
        contentType: 'multipart/form-data',
        description: 'Part `file`: the file; optional text part `purpose`',
      },
      responses: {
        201: { description: 'Stored; Location names it', schema: attachmentInfo },
        404: notFound,
        413: { description: 'Larger than the attachment limit; nothing stored' },
        415: { description: 'Not multipart, or not a type this record takes; nothing stored' },
        422: {
          description:
            'A DXF that cannot be read or breaks a limit (size, entities, block nesting); nothing stored',
        },
      },
    }),
    download: endpoint({
      method: 'GET',
      path: `${base}/:id/attachments/:attachmentId` as `${Base}/:id/attachments/:attachmentId`,
      tag,
      summary: `One file attached to a ${noun}`,
      params: attachmentId,
      responses: {
        200: { description: 'The file, as uploaded', contentType: 'application/octet-stream' },
        404: notFound,
      },
    }),
  };
}

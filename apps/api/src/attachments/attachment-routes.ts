/**
 * The attachment routes of a record kind (permit applications, violation reports, co-location
 * requests), declared once: list, upload and download, with the record's own access checks. Who
 * may attach is settled before a byte of the body is read, and again under the record's lock in
 * the transaction that stores the file and its audit entry.
 */
import type { attachmentEndpoints } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { defineRoute, type RouteDefinition, reply } from '../http/define-route.js';
import { userOf } from '../http/request-input.js';
import type { Action, Rule } from '../policy/rules.js';
import {
  type AttachmentSubjectKind,
  attachmentResponse,
  insertAttachment,
  listAttachments,
  readAttachment,
  readAttachmentUpload,
  type UploadedAttachment,
} from './attachment-store.js';
import { type AttachmentType, DOCUMENT_TYPES } from './file-type.js';

export interface AttachmentRouteOptions<R extends { id: string }> {
  endpoints: ReturnType<typeof attachmentEndpoints>;
  /** The kind of record the files belong to (attachments.subject_kind). */
  kind: AttachmentSubjectKind;
  /** The policy resource of the routes (the record's: `violations`). */
  resource: string;
  /** Who may list and download. */
  readers: Rule;
  /** Who may upload, and the action it counts as. */
  attachers: Rule;
  attachAction: Action;
  /** The record the caller may read (404 otherwise), locked for update when `lock`. */
  readable(c: Context<AppEnv>, sql: Sql, id: string, lock: boolean): Promise<R>;
  /** Throws unless the caller may attach a file to `record` now (its state, their role). */
  assertMayAttach(c: Context<AppEnv>, record: R, sql: Sql): void | Promise<void>;
  /** The file types taken (by their first bytes); default PDF, JPEG, PNG. */
  accepts?: readonly AttachmentType[];
  /**
   * Checks an upload's content before anything is stored (a DXF read in the parse pool); throws
   * to refuse it. Runs outside the transaction: nothing is written until it returns.
   */
  inspect?(c: Context<AppEnv>, upload: UploadedAttachment): Promise<void>;
  /** The purpose stored for an upload's `purpose` part (checks it; default: as sent). */
  purposeOf?(purpose: string): string;
  /** The audit resource of a stored file and the key naming its record in the audit entry. */
  audit: { resource: string; recordKey: string };
}

export function attachmentRoutes<R extends { id: string }>(
  options: AttachmentRouteOptions<R>,
): RouteDefinition[] {
  const { endpoints, kind, resource } = options;
  return [
    defineRoute(
      endpoints.list,
      { resource, action: 'read', rule: options.readers },
      async (c, { params }) => {
        const db = c.var.services.db;
        const record = await options.readable(c, db, params.id, false);
        return reply(c, endpoints.list, 200, { items: await listAttachments(db, { kind, id: record.id }) });
      },
    ),
    defineRoute(
      endpoints.upload,
      { resource, action: options.attachAction, rule: options.attachers },
      async (c, { params }) => {
        const db = c.var.services.db;
        await options.assertMayAttach(c, await options.readable(c, db, params.id, false), db);
        const upload = await readAttachmentUpload(c, options.accepts ?? DOCUMENT_TYPES);
        await options.inspect?.(c, upload);
        const purpose = options.purposeOf ? options.purposeOf(upload.purpose) : upload.purpose;
        const stored = await db.transaction(async (tx) => {
          const record = await options.readable(c, tx, params.id, true);
          await options.assertMayAttach(c, record, tx);
          const info = await insertAttachment(tx, { kind, id: record.id }, { ...upload, purpose }, userOf(c));
          await recordAudit(tx, c, {
            resource: options.audit.resource,
            recordId: info.id,
            action: 'create',
            version: 1,
            before: null,
            after: { [options.audit.recordKey]: record.id, ...info },
          });
          return info;
        });
        c.header('Location', `${endpoints.list.path.replace(':id', params.id)}/${stored.id}`);
        return reply(c, endpoints.upload, 201, stored);
      },
    ),
    defineRoute(
      endpoints.download,
      { resource, action: 'read', rule: options.readers },
      async (c, { params }) => {
        const db = c.var.services.db;
        const record = await options.readable(c, db, params.id, false);
        return attachmentResponse(c, await readAttachment(db, { kind, id: record.id }, params.attachmentId));
      },
    ),
  ];
}

/**
 * `/permit-applications/:id/attachments` (drawings, owners' consent, other files; the decision
 * document is stored here too, purpose `decision`) and `/permit-applications/:id/comments`.
 * Every write is one audited transaction.
 */
import {
  permitEndpoints as endpoints,
  permitAttachmentEndpoints,
  permitAttachmentPurpose,
  toIssues,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { attachmentRoutes, DRAWING_TYPES } from '../../attachments/index.js';
import { auditCreated } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import {
  assertApplicant,
  assertMayRead,
  COMMENT_READERS,
  COMMENTERS,
  FILERS,
  RECORD_READERS,
} from './permit-access.js';
import { insertComment, listComments } from './permit-comment-repository.js';
import { inspectDrawing } from './permit-drawings.js';
import { findApplication, type PermitApplication } from './permit-repository.js';

const resource = 'permit-applications';

const readable = async (c: Context<AppEnv>, sql: Sql, id: string, lock = false): Promise<PermitApplication> =>
  assertMayRead(c.get('principal'), await findApplication(sql, id, lock));

const isReviewer = (c: Context<AppEnv>) =>
  (c.get('principal')?.roles ?? []).some((r) => r === 'admin' || r === 'reviewer');

/**
 * Adds a file (multipart: `file`, `purpose` drawing | owner_consent | other): the applicant
 * while the application is a draft or under a request for more information; reviewers and
 * admins at any time. The file is checked (type by its first bytes: PDF, JPEG, PNG, DXF or DWG;
 * ≤ 10 MiB; a DXF read in the parse pool within its limits) before anything is written.
 */
export const permitAttachmentRoutes = attachmentRoutes<PermitApplication>({
  endpoints: permitAttachmentEndpoints,
  kind: 'permit_application',
  resource,
  readers: RECORD_READERS,
  attachers: FILERS,
  attachAction: 'create',
  accepts: DRAWING_TYPES,
  inspect: inspectDrawing,
  readable,
  assertMayAttach(c, a) {
    if (isReviewer(c)) return;
    assertApplicant(c.get('principal'), a);
    if (a.status !== 'draft' && a.status !== 'info_requested')
      throw new ApiError(
        409,
        'INVALID_STATE',
        `A permit application that is ${a.status} takes no more files from the applicant`,
      );
  },
  purposeOf(purpose) {
    const parsed = permitAttachmentPurpose.safeParse(purpose);
    if (!parsed.success) throw validationFailed(toIssues(parsed.error, ['purpose']));
    return parsed.data;
  },
  audit: { resource: 'permit-application-attachments', recordKey: 'applicationId' },
});

export const permitCommentRoutes = [
  defineRoute(
    endpoints.listPermitComments,
    { resource, action: 'read', rule: COMMENT_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const a = await readable(c, db, params.id);
      return reply(c, endpoints.listPermitComments, 200, { items: await listComments(db, a.id) });
    },
  ),
  /** A comment (≤ 2000 characters) by the applicant organisation, a reviewer or an admin. */
  defineRoute(
    endpoints.addPermitComment,
    { resource, action: 'create', rule: COMMENTERS },
    async (c, { params, body }) => {
      const principal = c.get('principal');
      const comment = await c.var.services.db.transaction(async (tx) => {
        const a = await readable(c, tx, params.id);
        const created = await insertComment(tx, {
          applicationId: a.id,
          authorUserId: principal?.userId ?? null,
          authorName: principal?.displayName ?? null,
          authorOrgId: principal?.orgId ?? null,
          text: body.text,
        });
        await auditCreated(tx, c, 'permit-comments', created);
        return created;
      });
      return reply(c, endpoints.addPermitComment, 201, comment);
    },
  ),
];

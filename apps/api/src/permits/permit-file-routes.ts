/**
 * `/permit-applications/:id/attachments` (drawings, owners' consent, other files; the decision
 * document is stored here too, purpose `decision`) and `/permit-applications/:id/comments`.
 * Every write is one audited transaction.
 */
import { permitAttachmentPurpose, permitCommentCreate, toIssues } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import {
  attachmentResponse,
  insertAttachment,
  listAttachments,
  readAttachment,
  readAttachmentUpload,
} from '../attachments/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, validationFailed } from '../errors.js';
import { parseBody, userOf } from '../http/request-input.js';
import { assertApplicant, assertMayRead } from './permit-access.js';
import { findApplication, type PermitApplication } from './permit-store.js';

const subjectOf = (a: { id: string }) => ({ kind: 'permit_application' as const, id: a.id });
const isReviewer = (c: Context<AppEnv>) =>
  (c.get('principal')?.roles ?? []).some((r) => r === 'admin' || r === 'reviewer');

export interface PermitComment {
  id: string;
  applicationId: string;
  text: string;
  author: { userId: string | null; displayName: string | null; orgId: string | null };
  /** Flat copies of the author, for lists: name, organisation name, user id. */
  authorName: string | null;
  authorOrgName: string | null;
  createdBy: string | null;
  createdAt: string;
}

function listComments(sql: Sql, applicationId: string, onlyId?: string): Promise<PermitComment[]> {
  return sql.query<PermitComment>(
    `SELECT m.id::text AS id, m.application_id::text AS "applicationId", m.text,
       jsonb_build_object('userId', m.author_user_id::text, 'displayName', m.author_name, 'orgId', m.author_org_id::text) AS author,
       m.author_name AS "authorName", o.name AS "authorOrgName", m.author_user_id::text AS "createdBy",
       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
     FROM permit_comments m LEFT JOIN organisations o ON o.id = m.author_org_id
     WHERE m.application_id = $1 AND ($2::uuid IS NULL OR m.id = $2::uuid)
     ORDER BY m.created_at, m.id`,
    [applicationId, onlyId ?? null],
  );
}

export function permitFileRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, sql: Sql = db, lock = false): Promise<PermitApplication> =>
    assertMayRead(c.get('principal'), await findApplication(sql, c.req.param('id') ?? '', lock));

  /**
   * Adds a file (multipart: `file`, `purpose` drawing | owner_consent | other): the applicant
   * while the application is a draft or under a request for more information; reviewers and
   * admins at any time. The file is checked (type by its first bytes, ≤ 10 MiB) before anything
   * is written.
   */
  const assertMayAttach = (c: Context<AppEnv>, a: PermitApplication) => {
    if (isReviewer(c)) return;
    assertApplicant(c.get('principal'), a);
    if (a.status !== 'draft' && a.status !== 'info_requested')
      throw new ApiError(
        409,
        'INVALID_STATE',
        `A permit application that is ${a.status} takes no more files from the applicant`,
      );
  };

  app.post('/permit-applications/:id/attachments', async (c) => {
    // Who may attach is settled before a byte of the body is read; again under the lock after.
    assertMayAttach(c, await readable(c));
    const upload = await readAttachmentUpload(c);
    const purpose = permitAttachmentPurpose.safeParse(upload.purpose);
    if (!purpose.success) throw validationFailed(toIssues(purpose.error, ['purpose']));
    const info = await db.transaction(async (tx) => {
      const a = await readable(c, tx, true);
      assertMayAttach(c, a);
      const stored = await insertAttachment(
        tx,
        subjectOf(a),
        { ...upload, purpose: purpose.data },
        userOf(c),
      );
      await recordAudit(tx, c, {
        resource: 'permit-application-attachments',
        recordId: stored.id,
        action: 'create',
        version: 1,
        before: null,
        after: { applicationId: a.id, ...stored },
      });
      return stored;
    });
    c.header('Location', `/api/v1/permit-applications/${c.req.param('id')}/attachments/${info.id}`);
    return c.json({ ...info, applicationId: c.req.param('id') }, 201);
  });

  app.get('/permit-applications/:id/attachments', async (c) => {
    const a = await readable(c);
    return c.json({ items: await listAttachments(db, subjectOf(a)) });
  });

  app.get('/permit-applications/:id/attachments/:attachmentId', async (c) => {
    const a = await readable(c);
    return attachmentResponse(c, await readAttachment(db, subjectOf(a), c.req.param('attachmentId')));
  });

  app.get('/permit-applications/:id/comments', async (c) => {
    const a = await readable(c);
    return c.json({ items: await listComments(db, a.id) });
  });

  /** A comment (≤ 2000 characters) by the applicant organisation, a reviewer or an admin. */
  app.post('/permit-applications/:id/comments', async (c) => {
    const input = await parseBody(c, permitCommentCreate);
    const principal = c.get('principal');
    const comment = await db.transaction(async (tx) => {
      const a = await readable(c, tx);
      const id = crypto.randomUUID();
      await tx.query(
        `INSERT INTO permit_comments (id, application_id, author_user_id, author_name, author_org_id, text)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          a.id,
          principal?.userId ?? null,
          principal?.displayName ?? null,
          principal?.orgId ?? null,
          input.text,
        ],
      );
      const [created] = await listComments(tx, a.id, id);
      if (!created) throw new Error('comment vanished after insert');
      await recordAudit(tx, c, {
        resource: 'permit-comments',
        recordId: id,
        action: 'create',
        version: 1,
        before: null,
        after: created,
      });
      return created;
    });
    return c.json(comment, 201);
  });

  return app;
}

/** The conversation on a permit application (table `permit_comments`, with the author's organisation name). */
import type { PermitCommentBody } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { organisations, permitComments } from '@hatang/db/schema';
import { and, asc, eq } from 'drizzle-orm';

const commentFields = {
  id: permitComments.id,
  applicationId: permitComments.applicationId,
  text: permitComments.text,
  authorUserId: permitComments.authorUserId,
  authorName: permitComments.authorName,
  authorOrgId: permitComments.authorOrgId,
  authorOrgName: organisations.name,
  createdAt: permitComments.createdAt,
};

/** A row of the left join: an author without an organisation has no organisation name. */
type CommentRow = Omit<RowOf<typeof commentFields>, 'authorOrgName'> & { authorOrgName: string | null };

const toComment = ({ authorUserId, authorOrgId, ...c }: CommentRow): PermitCommentBody => ({
  ...c,
  author: { userId: authorUserId, displayName: c.authorName, orgId: authorOrgId },
  createdBy: authorUserId,
});

/** The comments of an application (only `onlyId` when given), oldest first. */
export async function listComments(
  sql: Sql,
  applicationId: string,
  onlyId?: string,
): Promise<PermitCommentBody[]> {
  const rows = await orm(sql)
    .select(commentFields)
    .from(permitComments)
    .leftJoin(organisations, eq(organisations.id, permitComments.authorOrgId))
    .where(
      and(
        eq(permitComments.applicationId, applicationId),
        onlyId === undefined ? undefined : eq(permitComments.id, onlyId),
      ),
    )
    .orderBy(asc(permitComments.createdAt), asc(permitComments.id));
  return rows.map(toComment);
}

export interface NewComment {
  applicationId: string;
  text: string;
  authorUserId: string | null;
  authorName: string | null;
  authorOrgId: string | null;
}

/** Stores a comment; returns it as stored. */
export async function insertComment(tx: Sql, comment: NewComment): Promise<PermitCommentBody> {
  const id = crypto.randomUUID();
  await orm(tx)
    .insert(permitComments)
    .values({ id, ...comment });
  const [created] = await listComments(tx, comment.applicationId, id);
  if (!created) throw new Error('comment vanished after insert');
  return created;
}

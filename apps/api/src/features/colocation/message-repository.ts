/** The messages of co-location requests (table `colocation_messages`, with the author's name). */
import type { ColocationMessage } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { colocationMessages as m, users } from '@hatang/db/schema';
import { eq, type SQL, sql } from 'drizzle-orm';

const selectMessages = (db: Sql, where: SQL) =>
  orm(db)
    .select({
      id: m.id,
      requestId: m.requestId,
      authorId: m.authorId,
      authorName: users.displayName,
      authorOrgId: m.authorOrgId,
      text: m.text,
      createdAt: m.createdAt,
    })
    .from(m)
    .leftJoin(users, eq(users.id, m.authorId))
    .where(where);

/** Adds a message to a request in the caller's transaction and returns it. */
export async function insertMessage(
  tx: Sql,
  requestId: string,
  author: { userId: string | null; orgId: string | null },
  text: string,
): Promise<ColocationMessage> {
  const id = crypto.randomUUID();
  // clock_timestamp(): messages of one transaction (a step and its note) keep their order.
  await orm(tx).insert(m).values({
    id,
    requestId,
    authorId: author.userId,
    authorOrgId: author.orgId,
    text,
    createdAt: sql`clock_timestamp()`,
  });
  const [message] = await selectMessages(tx, eq(m.id, id));
  if (!message) throw new Error('message vanished after insert');
  return message;
}

/** A request's messages, oldest first. */
export function listMessages(db: Sql, requestId: string): Promise<ColocationMessage[]> {
  return selectMessages(db, eq(m.requestId, requestId)).orderBy(m.createdAt, m.id);
}

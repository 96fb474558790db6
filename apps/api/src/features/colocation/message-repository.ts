import type { ColocationMessage } from '@hatang/contracts';
import type { Sql } from '@hatang/db';

const SELECT_MESSAGE = `SELECT m.id::text AS id, m.request_id::text AS "requestId", m.author_id::text AS "authorId",
    u.display_name AS "authorName", m.author_org_id::text AS "authorOrgId", m.text,
    to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM colocation_messages m LEFT JOIN users u ON u.id = m.author_id`;

/** Adds a message to a request in the caller's transaction and returns it. */
export async function insertMessage(
  tx: Sql,
  requestId: string,
  author: { userId: string | null; orgId: string | null },
  text: string,
): Promise<ColocationMessage> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO colocation_messages (id, request_id, author_id, author_org_id, text, created_at)
     VALUES ($1, $2, $3, $4, $5, clock_timestamp())`,
    [id, requestId, author.userId, author.orgId, text],
  );
  const [message] = await tx.query<ColocationMessage>(`${SELECT_MESSAGE} WHERE m.id = $1`, [id]);
  if (!message) throw new Error('message vanished after insert');
  return message;
}

/** A request's messages, oldest first. */
export function listMessages(sql: Sql, requestId: string): Promise<ColocationMessage[]> {
  return sql.query<ColocationMessage>(
    `${SELECT_MESSAGE} WHERE m.request_id = $1 ORDER BY m.created_at, m.id`,
    [requestId],
  );
}

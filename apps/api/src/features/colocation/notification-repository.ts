/** In-app notifications about co-location requests (table `notifications`). */
import { addWorkingDays } from '@hatang/analysis';
import {
  COLOCATION_LABELS,
  DEADLINE_NOTICE_WORKING_DAYS,
  type Notification,
  type NotificationKind,
  notification,
  notificationKind,
} from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { colocationRequests, notifications as n, users } from '@hatang/db/schema';
import { and, count, desc, eq, isNull, lte, not, type SQL, sql } from 'drizzle-orm';
import { today } from './request-repository.js';

type Title = { vi: string; en: string };

const fields = {
  id: n.id,
  kind: n.kind,
  subjectKind: n.subjectKind,
  subjectId: n.subjectId,
  title: n.title,
  readAt: n.readAt,
  createdAt: n.createdAt,
};

/** The table's kinds and subject kinds are the contract's (only this module writes them). */
async function select(db: Sql, where: SQL | undefined, limit?: number): Promise<Notification[]> {
  const query = orm(db).select(fields).from(n).where(where).orderBy(desc(n.createdAt), desc(n.id));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((row) => ({
    ...row,
    kind: notificationKind.parse(row.kind),
    subjectKind: 'colocation_request' as const,
    title: notification.shape.title.parse(row.title),
  }));
}

/** What a notice about a request says: its kind's label and the target's codes. */
export function noticeTitle(
  kind: NotificationKind,
  request: { assetKind: string; assetCodes: string[] },
): Title {
  const label = COLOCATION_LABELS.notification[kind];
  const asset = COLOCATION_LABELS.assetKind[request.assetKind as 'tower'];
  const codes = request.assetCodes.slice(0, 3).join(', ') + (request.assetCodes.length > 3 ? ', …' : '');
  return { vi: `${label.vi}: ${asset.vi} ${codes}`, en: `${label.en}: ${asset.en} ${codes}` };
}

/** One notice to every enabled user of `orgId`, as an INSERT … SELECT. */
const toEveryUserOf = (tx: Sql, orgId: string, kind: NotificationKind, subjectId: string, title: Title) =>
  orm(tx)
    .insert(n)
    .select(
      orm(tx)
        .select({
          id: sql`gen_random_uuid()`.as('id'),
          userId: users.id,
          kind: sql`${kind}::text`.as('kind'),
          subjectKind: sql`'colocation_request'`.as('subject_kind'),
          subjectId: sql`${subjectId}::text::uuid`.as('subject_id'),
          title: sql`${JSON.stringify(title)}::text::jsonb`.as('title'),
          readAt: sql`NULL::timestamptz`.as('read_at'),
          createdAt: sql`clock_timestamp()`.as('created_at'),
        })
        .from(users)
        .where(and(eq(users.orgId, orgId), not(users.isDisabled))),
    );

/** Notifies every enabled user of `orgId` about a request, in the caller's transaction. */
export async function notifyOrganisation(
  tx: Sql,
  orgId: string,
  kind: NotificationKind,
  request: { id: string; assetKind: string; assetCodes: string[] },
): Promise<void> {
  await toEveryUserOf(tx, orgId, kind, request.id, noticeTitle(kind, request));
}

/**
 * Creates the approaching-deadline notices for the user's organisation, lazily when
 * notifications are read: once per request (the flag is claimed atomically), for every user of
 * the owner organisation, when the answer is due within DEADLINE_NOTICE_WORKING_DAYS working days.
 */
export async function createDeadlineNotices(tx: Sql, orgId: string): Promise<void> {
  const dueBy = addWorkingDays(today(), DEADLINE_NOTICE_WORKING_DAYS);
  const r = colocationRequests;
  const due = await orm(tx)
    .update(r)
    .set({ deadlineNotified: true })
    .where(
      and(eq(r.ownerOrgId, orgId), eq(r.status, 'submitted'), not(r.deadlineNotified), lte(r.dueOn, dueBy)),
    )
    .returning({ id: r.id, assetKind: r.assetKind, assetCodes: r.assetCodes });
  for (const request of due) {
    const kind = 'colocation_deadline';
    // One deadline notice per user and request (a partial unique index).
    await toEveryUserOf(tx, orgId, kind, request.id, noticeTitle(kind, request)).onConflictDoNothing({
      target: [n.userId, n.subjectId],
      where: sql`${sql.identifier(n.kind.name)} = 'colocation_deadline'`,
    });
  }
}

export async function listNotifications(
  db: Sql,
  userId: string,
  limit: number,
  unreadOnly: boolean,
): Promise<{ items: Notification[]; unreadCount: number }> {
  const items = await select(db, and(eq(n.userId, userId), unreadOnly ? isNull(n.readAt) : undefined), limit);
  const [unread] = await orm(db)
    .select({ n: count() })
    .from(n)
    .where(and(eq(n.userId, userId), isNull(n.readAt)));
  return { items, unreadCount: unread?.n ?? 0 };
}

/** One of the user's notifications (undefined when it is not theirs). */
export async function findNotification(
  db: Sql,
  userId: string,
  id: string,
): Promise<Notification | undefined> {
  const [row] = await select(db, and(eq(n.id, id), eq(n.userId, userId)));
  return row;
}

/** Marks one of the user's notifications read; undefined when it is not theirs. */
export async function markRead(tx: Sql, userId: string, id: string): Promise<Notification | undefined> {
  await orm(tx)
    .update(n)
    .set({ readAt: sql`coalesce(${n.readAt}, now())` })
    .where(and(eq(n.id, id), eq(n.userId, userId)));
  return findNotification(tx, userId, id);
}

/** Marks all the user's unread notifications read; how many it marked. */
export async function markAllRead(tx: Sql, userId: string): Promise<number> {
  const rows = await orm(tx)
    .update(n)
    .set({ readAt: sql`now()` })
    .where(and(eq(n.userId, userId), isNull(n.readAt)))
    .returning({ id: n.id });
  return rows.length;
}

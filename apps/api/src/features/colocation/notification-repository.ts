import { addWorkingDays } from '@hatang/analysis';
import {
  COLOCATION_LABELS,
  DEADLINE_NOTICE_WORKING_DAYS,
  type Notification,
  type NotificationKind,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { today } from './request-repository.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const SELECT_NOTIFICATION = `SELECT id::text AS id, kind, subject_kind AS "subjectKind", subject_id::text AS "subjectId",
    title, ${ts('read_at')} AS "readAt", ${ts('created_at')} AS "createdAt" FROM notifications`;

/** What a notice about a request says: its kind's label and the target's codes. */
export function noticeTitle(kind: NotificationKind, request: { assetKind: string; assetCodes: string[] }) {
  const label = COLOCATION_LABELS.notification[kind];
  const asset = COLOCATION_LABELS.assetKind[request.assetKind as 'tower'];
  const codes = request.assetCodes.slice(0, 3).join(', ') + (request.assetCodes.length > 3 ? ', …' : '');
  return { vi: `${label.vi}: ${asset.vi} ${codes}`, en: `${label.en}: ${asset.en} ${codes}` };
}

/** Notifies every enabled user of `orgId` about a request, in the caller's transaction. */
export async function notifyOrganisation(
  tx: Sql,
  orgId: string,
  kind: NotificationKind,
  request: { id: string; assetKind: string; assetCodes: string[] },
): Promise<void> {
  await tx.query(
    `INSERT INTO notifications (id, user_id, kind, subject_kind, subject_id, title)
     SELECT gen_random_uuid(), u.id, $2, 'colocation_request', $3, $4::text::jsonb
     FROM users u WHERE u.org_id = $1 AND NOT u.is_disabled`,
    [orgId, kind, request.id, JSON.stringify(noticeTitle(kind, request))],
  );
}

/**
 * Creates the approaching-deadline notices for the user's organisation, lazily when
 * notifications are read: once per request (the flag is claimed atomically), for every user of
 * the owner organisation, when the answer is due within DEADLINE_NOTICE_WORKING_DAYS working days.
 */
export async function createDeadlineNotices(tx: Sql, orgId: string): Promise<void> {
  const dueBy = addWorkingDays(today(), DEADLINE_NOTICE_WORKING_DAYS);
  const due = await tx.query<{ id: string; assetKind: string; assetCodes: string[] }>(
    `UPDATE colocation_requests SET deadline_notified = true
     WHERE owner_org_id = $1 AND status = 'submitted' AND NOT deadline_notified AND due_on <= $2::date
     RETURNING id::text AS id, asset_kind AS "assetKind", to_jsonb(asset_codes) AS "assetCodes"`,
    [orgId, dueBy],
  );
  for (const request of due) {
    await tx.query(
      `INSERT INTO notifications (id, user_id, kind, subject_kind, subject_id, title)
       SELECT gen_random_uuid(), u.id, 'colocation_deadline', 'colocation_request', $2, $3::text::jsonb
       FROM users u WHERE u.org_id = $1 AND NOT u.is_disabled
       ON CONFLICT (user_id, subject_id) WHERE kind = 'colocation_deadline' DO NOTHING`,
      [orgId, request.id, JSON.stringify(noticeTitle('colocation_deadline', request))],
    );
  }
}

export async function listNotifications(
  sql: Sql,
  userId: string,
  limit: number,
  unreadOnly: boolean,
): Promise<{ items: Notification[]; unreadCount: number }> {
  const items = await sql.query<Notification>(
    `${SELECT_NOTIFICATION} WHERE user_id = $1 AND ($2::boolean = false OR read_at IS NULL)
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [userId, unreadOnly, limit],
  );
  const [count] = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return { items, unreadCount: count?.n ?? 0 };
}

/** One of the user's notifications (undefined when it is not theirs). */
export async function findNotification(
  sql: Sql,
  userId: string,
  id: string,
): Promise<Notification | undefined> {
  const [row] = await sql.query<Notification>(`${SELECT_NOTIFICATION} WHERE id = $1 AND user_id = $2`, [
    id,
    userId,
  ]);
  return row;
}

/** Marks one of the user's notifications read; undefined when it is not theirs. */
export async function markRead(tx: Sql, userId: string, id: string): Promise<Notification | undefined> {
  await tx.query(
    'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2',
    [id, userId],
  );
  const [row] = await tx.query<Notification>(`${SELECT_NOTIFICATION} WHERE id = $1 AND user_id = $2`, [
    id,
    userId,
  ]);
  return row;
}

export async function markAllRead(tx: Sql, userId: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id::text AS id',
    [userId],
  );
  return rows.length;
}

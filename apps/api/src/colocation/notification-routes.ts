import { notificationListQuery, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../http/body.js';
import {
  createDeadlineNotices,
  findNotification,
  listNotifications,
  markAllRead,
  markRead,
} from './notifications.js';

/** `/notifications`: the signed-in user's in-app notifications (the bell). */
export function notificationRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const principalOf = (c: { get(key: 'principal'): AppEnv['Variables']['principal'] }) => {
    const p = c.get('principal');
    if (!p) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    return p;
  };

  /** Newest first with the unread count; approaching deadlines of the user's organisation are noticed here. */
  app.get('/notifications', async (c) => {
    const parsed = notificationListQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const p = principalOf(c);
    const answer = await db.transaction(async (tx) => {
      await createDeadlineNotices(tx, p.orgId);
      return listNotifications(tx, p.userId, parsed.data.limit, parsed.data.unread === true);
    });
    return c.json(answer);
  });

  app.post('/notifications/read-all', async (c) => {
    const p = principalOf(c);
    const updated = await db.transaction(async (tx) => {
      const n = await markAllRead(tx, p.userId);
      await recordAudit(tx, c, {
        resource: 'notifications',
        recordId: p.userId,
        action: 'update',
        version: 1,
        before: { unreadMarkedRead: n },
        after: { unreadCount: 0 },
      });
      return n;
    });
    return c.json({ updated });
  });

  app.post('/notifications/:id/read', async (c) => {
    const p = principalOf(c);
    const id = c.req.param('id');
    if (!isUuid(id)) throw notFound('Notification');
    const row = await db.transaction(async (tx) => {
      const before = await findNotification(tx, p.userId, id);
      const after = await markRead(tx, p.userId, id);
      if (!before || !after) throw notFound('Notification');
      await recordAudit(tx, c, {
        resource: 'notifications',
        recordId: id,
        action: 'update',
        version: 1,
        before,
        after,
      });
      return after;
    });
    return c.json(row);
  });

  return app;
}

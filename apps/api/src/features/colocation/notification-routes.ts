/** `/notifications`: the signed-in user's in-app notifications (the bell), declared once. */
import { colocationEndpoints as endpoints } from '@hatang/contracts';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { SIGNED_IN } from '../../policy/rules.js';
import {
  createDeadlineNotices,
  findNotification,
  listNotifications,
  markAllRead,
  markRead,
} from './notification-repository.js';

const principalOf = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  if (!p) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
  return p;
};
const resource = 'notifications';

export const notificationRoutes = [
  /** Newest first with the unread count; approaching deadlines of the user's organisation are noticed here. */
  defineRoute(
    endpoints.listNotifications,
    { resource, action: 'read', rule: SIGNED_IN },
    async (c, { query }) => {
      const p = principalOf(c);
      const answer = await c.var.services.db.transaction(async (tx) => {
        await createDeadlineNotices(tx, p.orgId);
        return listNotifications(tx, p.userId, query.limit, query.unread === true);
      });
      return reply(c, endpoints.listNotifications, 200, answer);
    },
  ),
  defineRoute(
    endpoints.markAllNotificationsRead,
    { resource, action: 'update', rule: SIGNED_IN },
    async (c) => {
      const p = principalOf(c);
      const updated = await c.var.services.db.transaction(async (tx) => {
        const n = await markAllRead(tx, p.userId);
        await recordAudit(tx, c, {
          resource,
          recordId: p.userId,
          action: 'update',
          version: 1,
          before: { unreadMarkedRead: n },
          after: { unreadCount: 0 },
        });
        return n;
      });
      return reply(c, endpoints.markAllNotificationsRead, 200, { updated });
    },
  ),
  defineRoute(
    endpoints.markNotificationRead,
    { resource, action: 'update', rule: SIGNED_IN },
    async (c, { params }) => {
      const p = principalOf(c);
      const row = await c.var.services.db.transaction(async (tx) => {
        const before = await findNotification(tx, p.userId, params.id);
        const after = await markRead(tx, p.userId, params.id);
        if (!before || !after) throw notFound('Notification');
        await recordAudit(tx, c, {
          resource,
          recordId: params.id,
          action: 'update',
          version: 1,
          before,
          after,
        });
        return after;
      });
      return reply(c, endpoints.markNotificationRead, 200, row);
    },
  ),
];

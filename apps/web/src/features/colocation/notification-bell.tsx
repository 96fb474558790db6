import type { SessionUser } from '@hatang/contracts';

/** The header's bell: unread in-app notifications (co-location requests, answers, deadlines). */
export function NotificationBell(_props: { user: SessionUser | null; onOpen: () => void }) {
  return null;
}

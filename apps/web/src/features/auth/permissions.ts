import type { SessionUser } from '@hatang/contracts';
import type { Organisation } from '../../lib/types';

/** Roles that edit every organisation's assets. */
const EDIT_ALL = new Set(['admin', 'planner']);

/** Whether `user` may add assets at all (the API decides; the UI hides what would be refused). */
export function canCreate(user: SessionUser | null | undefined): boolean {
  if (!user) return false;
  return user.roles.some((r) => EDIT_ALL.has(r) || r === 'operator_editor');
}

/**
 * Whether `user` may edit or delete an asset owned by `ownerOrgId`: planners and admins all of
 * them, operator editors only their own organisation's.
 */
export function canEditAsset(user: SessionUser | null | undefined, ownerOrgId: unknown): boolean {
  if (!user) return false;
  if (user.roles.some((r) => EDIT_ALL.has(r))) return true;
  return user.roles.includes('operator_editor') && ownerOrgId === user.orgId;
}

export const isAdmin = (user: SessionUser | null | undefined): boolean =>
  user?.roles.includes('admin') ?? false;

/** The owners `user` may give a new or edited asset: their own organisation unless they edit all. */
export function ownerChoices(
  user: SessionUser | null | undefined,
  organisations: readonly Organisation[],
): Organisation[] {
  if (!user) return [];
  if (user.roles.some((r) => EDIT_ALL.has(r))) {
    return [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }
  const own = organisations.find((o) => o.id === user.orgId);
  return own
    ? [own]
    : [
        {
          id: user.orgId,
          code: user.orgId,
          name: user.orgName,
          kind: 'operator',
          adminUnitCode: null,
        } satisfies Organisation,
      ];
}

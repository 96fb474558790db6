import type { SessionUser } from '@hatang/contracts';
import { useColocationText } from './colocation-i18n';
import './colocation.css';
import { type ColocationPrefill, launchColocationRequest } from './colocation-launcher';

const KIND_BY_RESOURCE: Record<string, 'tower' | 'pole' | 'duct'> = {
  towers: 'tower',
  poles: 'pole',
  ducts: 'duct',
};

/** The request kind for an asset layer (`towers` → `tower`), or null when it cannot be requested. */
export const colocationKindOf = (resource: string): 'tower' | 'pole' | 'duct' | null =>
  KIND_BY_RESOURCE[resource] ?? null;

/**
 * Whether `user` may ask for space on an asset owned by `ownerOrgId`: operator editors (and
 * admins), for another organisation's asset only.
 */
export function canRequestColocation(user: SessionUser | null, ownerOrgId: unknown): boolean {
  if (!user || typeof ownerOrgId !== 'string' || ownerOrgId === user.orgId) return false;
  return user.roles.includes('operator_editor');
}

/** "Request co-location" from another feature: launches the request form pre-filled. */
export function ColocationLaunchButton({
  prefill,
  testId = 'request-colocation',
  className,
}: {
  prefill: ColocationPrefill;
  testId?: string;
  className?: string;
}) {
  const { t } = useColocationText();
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      title={t('requestColocationTitle')}
      onClick={() => launchColocationRequest(prefill)}
    >
      {t('requestColocation')}
    </button>
  );
}

import type { SessionUser } from '@hatang/contracts';
import { formatNumber } from '../../lib/format';
import { useColocationText } from './colocation-i18n';
import './colocation.css';
import { type ColocationPrefill, launchColocationRequest } from './colocation-launcher';
import { freeCapacity } from './free-capacity';

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

const FREE_KEY = { tenants: 'freeTenants', attachments: 'freeAttachments', tubes: 'freeTubes' } as const;

/** The free room the owner's figures leave on the asset, shown beside "Request co-location". */
export function FreeCapacityNote({
  kind,
  properties,
}: {
  kind: 'tower' | 'pole' | 'duct';
  properties: Record<string, unknown>;
}) {
  const { t, lang } = useColocationText();
  const free = freeCapacity(kind, properties);
  const n = (v: number) => formatNumber(lang, v, 0);
  return (
    <p className="colocation-free" data-testid="free-capacity" data-free={free?.free ?? ''}>
      {free === null
        ? t('freeUnknown')
        : `${t(FREE_KEY[free.unit], { free: n(free.free), total: n(free.total) })}${free.free === 0 ? ` · ${t('freeNone')}` : ''}`}
    </p>
  );
}

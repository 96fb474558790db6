import type { SessionUser } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchAsset } from '../../lib/assets-api';
import { isMessageKey, type Lang, translate, useI18n } from '../../lib/i18n';
import type { AssetFeature, AssetResource, Organisation } from '../../lib/types';
import type { AttributeSpec } from '../../map/layer-group';
import type { Selection } from '../../map/use-map-interactions';
import { canEditAsset } from '../auth/permissions';
import {
  ColocationLaunchButton,
  canRequestColocation,
  colocationKindOf,
  FreeCapacityNote,
} from '../colocation/launch-button';
import { editableResource } from '../editing/editable-resources';
import type { Edits } from '../editing/use-edits';
import { HistoryPanel } from '../history/history-panel';
import { EMPTY_VALUE, formatAttribute } from './format-attribute';
import { TenancyList } from './tenancy-list';

const COMMON: AttributeSpec[] = [
  { key: 'code', format: 'text' },
  { key: 'status', format: 'enum' },
  { key: 'ownerOrgId', format: 'org' },
];
const FOOTER: AttributeSpec[] = [
  { key: 'version', format: 'number' },
  { key: 'updatedAt', format: 'date' },
];
const ADMIN_UNIT: AttributeSpec[] = [
  { key: 'code', format: 'text' },
  { key: 'unitType', format: 'enum' },
  { key: 'formerDistrict', format: 'text' },
  { key: 'areaKm2', format: 'number' },
  { key: 'population', format: 'number' },
];

const versionOrZero = (f: AssetFeature) =>
  typeof f.properties?.version === 'number' ? f.properties.version : 0;
const newer = (a: AssetFeature | undefined, b: AssetFeature): AssetFeature =>
  a && String(a.id) === String(b.id) && versionOrZero(a) >= versionOrZero(b) ? a : b;

/** The feature as the server has it now (fresh version for edits), starting from the clicked one. */
function useFreshFeature(resource: AssetResource | null, feature: AssetFeature | null) {
  const id = feature ? String(feature.id) : '';
  return useQuery({
    queryKey: ['asset', resource, id],
    queryFn: ({ signal }) => fetchAsset(resource ?? 'towers', id, signal),
    enabled: resource !== null && feature !== null,
    placeholderData: feature ?? undefined,
    staleTime: 10_000,
  });
}

/**
 * The side panel: every attribute of the selected feature, labelled in the UI language (fields the
 * server hides from this user read "hidden"); its history; Edit and Delete for users who may.
 */
export function AssetPanel({
  selection,
  organisations,
  onClose,
  user,
  edits,
  onEdit,
  onSelectAsset,
}: {
  selection: Selection;
  organisations: ReadonlyMap<string, Organisation>;
  onClose: () => void;
  user: SessionUser | null;
  edits: Edits;
  onEdit: (resource: AssetResource, feature: AssetFeature) => void;
  /** Selects another asset on the map (a device's pole), by its kind and id. */
  onSelectAsset?: (resource: AssetResource, id: string) => void;
}) {
  const asset = selection.kind === 'asset' ? selection : null;
  const fresh = useFreshFeature(asset?.group.id ?? null, asset?.feature ?? null);
  const [tab, setTab] = useState<'attributes' | 'history'>('attributes');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const i18n = useI18n();
  const { t } = i18n;
  const other: Lang = i18n.lang === 'vi' ? 'en' : 'vi';
  const messageKey = (key: string) => (key === 'ownerOrgId' ? 'owner' : isMessageKey(key) ? key : null);
  const label = (key: string) => {
    const k = messageKey(key);
    return k ? t(k) : key;
  };
  // The label in the other language, as a tooltip: field crews and planners mix both.
  const otherLabel = (key: string) => {
    const k = messageKey(key);
    return k ? translate(other, k) : undefined;
  };

  const rows = (specs: AttributeSpec[], properties: Record<string, unknown>, hideAbsent = false) =>
    specs.map(({ key, format, selects }) => {
      // The API leaves out what this user may not see (confidential fields): say so.
      const hidden = hideAbsent && !(key in properties);
      const text = formatAttribute(properties[key], format, i18n, organisations);
      const target = selects ? properties[selects.idKey] : undefined;
      return (
        <div className="attr" key={key} data-attribute={key} data-hidden={hidden || undefined}>
          <dt title={otherLabel(key)}>{label(key)}</dt>
          <dd
            className={hidden ? 'muted hidden-value' : undefined}
            title={hidden ? t('hiddenHint') : undefined}
          >
            {hidden ? (
              <HiddenValue signedIn={user !== null} />
            ) : selects && onSelectAsset && typeof target === 'string' && text !== EMPTY_VALUE ? (
              <button
                type="button"
                className="link-button"
                data-selects={selects.resource}
                title={t('selectOnMap')}
                onClick={() => onSelectAsset(selects.resource, target)}
              >
                {text}
              </button>
            ) : (
              text
            )}
          </dd>
        </div>
      );
    });

  if (selection.kind === 'admin-unit') {
    const p = selection.properties;
    return (
      <aside className="side-panel" aria-label={p.name} data-testid="asset-panel">
        <header>
          <div>
            <p className="kicker">
              {t(p.unitType === 'ward' || p.unitType === 'commune' ? p.unitType : 'special_zone')}
            </p>
            <h2>{p.name}</h2>
          </div>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </header>
        <dl>{rows(ADMIN_UNIT, { ...p })}</dl>
      </aside>
    );
  }

  const { group } = selection;
  // The newer of the two: a write just now updates the selection before the refetch lands.
  const feature = newer(fresh.data, selection.feature);
  const p = feature.properties ?? {};
  const editable = editableResource(group.id) !== undefined && canEditAsset(user, p.ownerOrgId);
  const remove = async () => {
    setDeleteError(null);
    try {
      await edits.remove(group.id, feature);
      setConfirmDelete(false);
    } catch (caught) {
      setDeleteError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const name = typeof p.name === 'string' ? p.name : null;
  const colocationKind = colocationKindOf(group.id);
  return (
    <aside className="side-panel" aria-label={String(p.code ?? '')} data-testid="asset-panel">
      <header>
        <div>
          <p className="kicker">{t(group.labelKey)}</p>
          <h2 data-testid="asset-code">{typeof p.code === 'string' ? p.code : t('codeHidden')}</h2>
          {name ? <p className="subtitle">{name}</p> : null}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      {editable ? (
        <div className="panel-actions">
          <button type="button" data-testid="edit-button" onClick={() => onEdit(group.id, feature)}>
            {t('edit')}
          </button>
          {confirmDelete ? (
            <span className="confirm" role="alert">
              {t('confirmDelete')}{' '}
              <button type="button" className="danger" data-testid="confirm-delete" onClick={remove}>
                {t('delete')}
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                {t('cancel')}
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="danger"
              data-testid="delete-button"
              onClick={() => setConfirmDelete(true)}
            >
              {t('delete')}
            </button>
          )}
          {deleteError ? <p className="form-error">{deleteError}</p> : null}
        </div>
      ) : null}
      {colocationKind && canRequestColocation(user, p.ownerOrgId) ? (
        <div className="panel-actions">
          <FreeCapacityNote kind={colocationKind} properties={p} />
          <ColocationLaunchButton
            prefill={{
              targets: [
                {
                  kind: colocationKind,
                  id: String(feature.id),
                  ownerOrgId: String(p.ownerOrgId),
                  ...(typeof p.code === 'string' ? { label: p.code } : {}),
                  ...(typeof p.lengthM === 'number' ? { lengthM: p.lengthM } : {}),
                },
              ],
            }}
          />
        </div>
      ) : null}
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'attributes'}
          data-testid="tab-attributes"
          onClick={() => setTab('attributes')}
        >
          {t('attributes')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'history'}
          data-testid="tab-history"
          onClick={() => setTab('history')}
        >
          {t('history')}
        </button>
      </div>
      {tab === 'attributes' ? (
        <>
          <dl>{rows([...COMMON, ...group.attributes.filter((a) => a.key !== 'name')], p, true)}</dl>
          {group.hasTenancies ? (
            'tenancies' in p ? (
              <TenancyList tenancies={p.tenancies} organisations={organisations} />
            ) : (
              <section className="tenancies" data-hidden="true">
                <h3>
                  {t('tenancies')}
                  {typeof p.tenantCount === 'number' ? ` (${p.tenantCount})` : ''}
                </h3>
                <p className="muted hidden-value">
                  <HiddenValue signedIn={user !== null} />
                </p>
              </section>
            )
          ) : null}
          <dl className="footer">{rows(FOOTER, p)}</dl>
        </>
      ) : (
        <HistoryPanel
          resource={group.id}
          feature={feature}
          organisations={organisations}
          canRestore={editable}
          onRestore={async (entry) => {
            await edits.restore(group.id, feature, entry.after, entry.version);
          }}
        />
      )}
    </aside>
  );
}

/**
 * A value the server left out for this viewer, with the reason in plain words on screen (a tooltip
 * alone is invisible on a phone): the public is told to sign in, a signed-in user that the owner
 * does not share it with them.
 */
function HiddenValue({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  return (
    <span data-testid="hidden-value">
      {t('hiddenValue')} <small>({signedIn ? t('hiddenNotSharedHint') : t('hiddenSignInHint')})</small>
    </span>
  );
}

import { isMessageKey, type Lang, translate, useI18n } from '../../lib/i18n';
import type { Organisation } from '../../lib/types';
import type { AttributeSpec } from '../../map/layer-group';
import type { Selection } from '../../map/use-map-interactions';
import { formatAttribute } from './format-attribute';
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

/** The side panel: every attribute of the selected feature, labelled in the UI language. */
export function AssetPanel({
  selection,
  organisations,
  onClose,
}: {
  selection: Selection;
  organisations: ReadonlyMap<string, Organisation>;
  onClose: () => void;
}) {
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

  const rows = (specs: AttributeSpec[], properties: Record<string, unknown>) =>
    specs.map(({ key, format }) => (
      <div className="attr" key={key} data-attribute={key}>
        <dt title={otherLabel(key)}>{label(key)}</dt>
        <dd>{formatAttribute(properties[key], format, i18n, organisations)}</dd>
      </div>
    ));

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

  const { group, feature } = selection;
  const p = feature.properties ?? {};
  const name = typeof p.name === 'string' ? p.name : null;
  return (
    <aside className="side-panel" aria-label={String(p.code ?? '')} data-testid="asset-panel">
      <header>
        <div>
          <p className="kicker">{t(group.labelKey)}</p>
          <h2 data-testid="asset-code">{String(p.code ?? feature.id)}</h2>
          {name ? <p className="subtitle">{name}</p> : null}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </header>
      <dl>{rows([...COMMON, ...group.attributes.filter((a) => a.key !== 'name')], p)}</dl>
      {group.hasTenancies ? <TenancyList tenancies={p.tenancies} organisations={organisations} /> : null}
      <dl className="footer">{rows(FOOTER, p)}</dl>
    </aside>
  );
}

import { type PlanZoneKind, planZoneKind } from '@hatang/contracts';
import { useState } from 'react';
import { usePlanText } from './plan-i18n';
import { ZONE_COLORS } from './plan-style';
import type { PlanZone } from './plans-api';

export interface ZoneDraft {
  kind: PlanZoneKind;
  name: string;
  global: boolean;
  maxHeightM: string;
}

/** Zones (global and the version's): the list, and a form to draw a new one. */
export function ZonesView({
  zones,
  canDraft,
  versionEditable,
  drawing,
  hasGeometry,
  busy,
  errors,
  onDraw,
  onSave,
  onCancel,
  onDelete,
}: {
  zones: readonly PlanZone[];
  canDraft: boolean;
  versionEditable: boolean;
  drawing: boolean;
  hasGeometry: boolean;
  busy: boolean;
  errors: Record<string, string>;
  onDraw: () => void;
  onSave: (draft: ZoneDraft) => void;
  onCancel: () => void;
  onDelete: (zone: PlanZone) => void;
}) {
  const { t, label } = usePlanText();
  const [draft, setDraft] = useState<ZoneDraft>({
    kind: 'restricted',
    name: '',
    global: true,
    maxHeightM: '',
  });
  return (
    <section className="plan-zones" data-testid="plan-zones">
      {canDraft && !drawing ? (
        <button type="button" className="primary" data-testid="zone-draw" onClick={onDraw}>
          {t('drawZone')}
        </button>
      ) : null}
      {drawing ? (
        <form
          className="plan-form"
          data-testid="zone-form"
          onSubmit={(e) => {
            e.preventDefault();
            onSave(draft);
          }}
        >
          <p className="plan-hint">{hasGeometry ? t('drawn') : t('drawHint_Polygon')}</p>
          <fieldset disabled={busy}>
            <label data-field="kind">
              {t('colKind')}
              <select
                value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.target.value as PlanZoneKind })}
              >
                {planZoneKind.options.map((k) => (
                  <option key={k} value={k}>
                    {label('zone', k)}
                  </option>
                ))}
              </select>
            </label>
            <label data-field="name">
              {t('name')}
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
              {errors.name ? <span className="plan-field-error">{errors.name}</span> : null}
            </label>
            {draft.kind === 'height_limited' ? (
              <label data-field="rules.maxHeightM">
                {t('attr_maxHeightM_zone')}
                <input
                  inputMode="decimal"
                  value={draft.maxHeightM}
                  onChange={(e) => setDraft({ ...draft, maxHeightM: e.target.value })}
                />
                {errors['rules.maxHeightM'] ? (
                  <span className="plan-field-error">{errors['rules.maxHeightM']}</span>
                ) : null}
              </label>
            ) : null}
            <label data-field="scope">
              {t('zoneScope')}
              <select
                value={draft.global ? 'global' : 'version'}
                onChange={(e) => setDraft({ ...draft, global: e.target.value === 'global' })}
              >
                <option value="global">{t('zoneGlobal')}</option>
                {versionEditable ? <option value="version">{t('zoneOfVersion')}</option> : null}
              </select>
            </label>
            {errors.geometry ? <p className="plan-field-error">{errors.geometry}</p> : null}
            {errors.other ? <p className="plan-field-error">{errors.other}</p> : null}
          </fieldset>
          <div className="plan-actions">
            <button type="submit" className="primary" disabled={busy || !hasGeometry} data-testid="zone-save">
              {t('save')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {zones.length === 0 ? <p className="plan-hint">{t('noZones')}</p> : null}
      <ul className="plan-item-list">
        {zones.map((z) => (
          <li key={z.id} className="plan-zone" data-testid="plan-zone">
            <span className="swatch" style={{ background: ZONE_COLORS[z.properties.kind] }} />
            <span className="plan-item-name">{z.properties.name}</span>
            <span className="plan-item-meta">
              {label('zone', z.properties.kind)}
              {z.properties.rules.maxHeightM ? ` · ≤ ${z.properties.rules.maxHeightM} m` : ''} ·{' '}
              {z.properties.planVersionId ? t('zoneOfVersion') : t('zoneGlobal')}
            </span>
            {canDraft && (!z.properties.planVersionId || versionEditable) ? (
              <button type="button" className="danger small" disabled={busy} onClick={() => onDelete(z)}>
                {t('delete')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

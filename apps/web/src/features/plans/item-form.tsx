import type { PlanItemKind } from '@hatang/contracts';
import { useState } from 'react';
import type { Organisation } from '../../lib/types';
import { usePlanText } from './plan-i18n';
import { attributeFields, type ItemFormValues, PHASES, STATUSES } from './plan-item-form';

/**
 * The form of one plan item: name, phase, status, responsible organisation, notes and the kind's
 * attributes (from the contract), each with the API's problem under it. Disabled when read-only.
 */
export function ItemForm({
  kind,
  initial,
  organisations,
  errors,
  readOnly,
  busy,
  hasGeometry,
  onSave,
  onCancel,
  onDelete,
}: {
  kind: PlanItemKind;
  initial: ItemFormValues;
  organisations: readonly Organisation[];
  errors: Record<string, string>;
  readOnly: boolean;
  busy: boolean;
  hasGeometry: boolean;
  onSave: (values: ItemFormValues) => void;
  onCancel: () => void;
  onDelete?: () => void;
}) {
  const { t, label } = usePlanText();
  const [values, setValues] = useState(initial);
  const set = (key: keyof Omit<ItemFormValues, 'attributes'>, value: string) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setAttr = (key: string, value: string) =>
    setValues((v) => ({ ...v, attributes: { ...v.attributes, [key]: value } }));
  const error = (key: string) =>
    errors[key] ? (
      <span className="plan-field-error" role="alert">
        {errors[key]}
      </span>
    ) : null;

  return (
    <form
      className="plan-form"
      data-testid="plan-item-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) onSave(values);
      }}
    >
      <h4>
        <span className="kind-swatch" data-kind={kind} /> {label('item', kind)}
      </h4>
      <fieldset disabled={readOnly || busy}>
        <label data-field="name">
          {t('name')}
          <input value={values.name} onChange={(e) => set('name', e.target.value)} />
          {error('name')}
        </label>
        <div className="plan-form-row">
          <label data-field="phase">
            {t('phase')}
            <select value={values.phase} onChange={(e) => set('phase', e.target.value)}>
              <option value="">{t('none')}</option>
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {label('phase', p)}
                </option>
              ))}
            </select>
            {error('phase')}
          </label>
          <label data-field="status">
            {t('status')}
            <select value={values.status} onChange={(e) => set('status', e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label('status', s)}
                </option>
              ))}
            </select>
            {error('status')}
          </label>
        </div>
        <label data-field="responsibleOrgId">
          {t('responsibleOrg')}
          <select value={values.responsibleOrgId} onChange={(e) => set('responsibleOrgId', e.target.value)}>
            <option value="">{t('none')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
          {error('responsibleOrgId')}
        </label>
        {attributeFields(kind).map((field) => (
          <label key={field.key} htmlFor={`plan-attr-${field.key}`} data-field={`attributes.${field.key}`}>
            {label('attr', field.key)}
            {field.required ? ' *' : ''}
            {field.type === 'enum' || field.type === 'boolean' ? (
              <select
                id={`plan-attr-${field.key}`}
                value={values.attributes[field.key] ?? ''}
                onChange={(e) => setAttr(field.key, e.target.value)}
              >
                <option value="">{t('none')}</option>
                {(field.type === 'boolean' ? ['true', 'false'] : field.options).map((o) => (
                  <option key={o} value={o}>
                    {field.type === 'boolean' ? t(o === 'true' ? 'yes' : 'no') : label(field.key, o)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`plan-attr-${field.key}`}
                inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
                value={values.attributes[field.key] ?? ''}
                onChange={(e) => setAttr(field.key, e.target.value)}
              />
            )}
            {error(`attributes.${field.key}`)}
          </label>
        ))}
        <label data-field="notes">
          {t('notes')}
          <textarea rows={2} value={values.notes} onChange={(e) => set('notes', e.target.value)} />
          {error('notes')}
        </label>
        {errors.geometry ? (
          <p className="plan-field-error" role="alert" data-field="geometry">
            {t('geometry')}: {errors.geometry}
          </p>
        ) : null}
        {!hasGeometry ? <p className="plan-hint">{t('needGeometry')}</p> : null}
      </fieldset>
      <div className="plan-actions">
        {readOnly ? null : (
          <button
            type="submit"
            className="primary"
            disabled={busy || !hasGeometry}
            data-testid="plan-item-save"
          >
            {t('save')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {readOnly ? t('close') : t('cancel')}
        </button>
        {onDelete && !readOnly ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={onDelete}
            data-testid="plan-item-delete"
          >
            {t('delete')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

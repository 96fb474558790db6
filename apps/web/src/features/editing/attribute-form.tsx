import type { ReactNode } from 'react';
import { isMessageKey, type Lang, translate, useI18n } from '../../lib/i18n';
import type { Organisation } from '../../lib/types';
import type { FieldErrors, FieldSpec, FormValues } from './form-fields';
import { RefField } from './ref-field';

/** The i18n key of a property's label (the owner id reads "Owner"). */
export function labelKey(key: string) {
  if (key === 'ownerOrgId') return 'owner' as const;
  return isMessageKey(key) ? key : null;
}

/**
 * The attribute inputs of one asset type: enums as selects, numbers (unit in the label), text,
 * dates; required fields marked; each field's error under it. Fields in `hidden` (absent from
 * what the server let this user see) are shown but not editable.
 */
export function AttributeForm({
  fields,
  values,
  errors,
  owners,
  operators,
  hidden,
  onChange,
}: {
  fields: readonly FieldSpec[];
  values: FormValues;
  errors: FieldErrors;
  owners: readonly Organisation[];
  /** The operators an `org-list` field chooses from. */
  operators: readonly Organisation[];
  hidden: ReadonlySet<string>;
  onChange: (key: string, value: string | string[]) => void;
}) {
  const { t, tValue, lang } = useI18n();
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const label = (key: string) => {
    const k = labelKey(key);
    return k ? t(k) : key;
  };
  const otherLabel = (key: string) => {
    const k = labelKey(key);
    return k ? translate(other, k) : undefined;
  };

  return (
    <div className="attribute-form" data-testid="attribute-form">
      {fields.map((field) => {
        const id = `field-${field.key}`;
        const error = errors[field.key];
        const value = values[field.key];
        const text = typeof value === 'string' ? value : '';
        const common = {
          id,
          name: field.key,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        };
        let input: ReactNode;
        if (hidden.has(field.key)) {
          input = (
            <span className="muted" id={id}>
              {t('hiddenValue')}
            </span>
          );
        } else if (field.kind === 'enum' || field.kind === 'org') {
          const options =
            field.kind === 'enum'
              ? field.options.map((o) => ({ value: o, label: tValue(o) }))
              : owners.map((o) => ({ value: o.id, label: o.name }));
          input = (
            <select {...common} value={text} onChange={(e) => onChange(field.key, e.target.value)}>
              {field.kind === 'org' && options.length === 1 ? null : <option value="">—</option>}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        } else if (field.kind === 'ref') {
          input = (
            <RefField id={id} fieldKey={field.key} value={text} onClear={() => onChange(field.key, '')} />
          );
        } else if (field.kind === 'boolean') {
          input = (
            <select {...common} value={text} onChange={(e) => onChange(field.key, e.target.value)}>
              <option value="">—</option>
              <option value="true">{t('yes')}</option>
              <option value="false">{t('no')}</option>
            </select>
          );
        } else if (field.kind === 'enum-list' || field.kind === 'org-list') {
          const selected = Array.isArray(value) ? value : [];
          const options =
            field.kind === 'enum-list'
              ? field.options.map((o) => ({ value: o, label: tValue(o) }))
              : operators.map((o) => ({ value: o.id, label: o.name }));
          input = (
            <span className="checkbox-group" id={id}>
              {options.map((o) => (
                <label key={o.value}>
                  <input
                    type="checkbox"
                    checked={selected.includes(o.value)}
                    onChange={(e) =>
                      onChange(
                        field.key,
                        e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value),
                      )
                    }
                  />
                  {o.label}
                </label>
              ))}
            </span>
          );
        } else {
          input = (
            <input
              {...common}
              type={field.kind === 'date' ? 'date' : 'text'}
              inputMode={field.kind === 'number' ? 'decimal' : undefined}
              value={text}
              placeholder={
                field.kind === 'number' && field.min !== undefined && field.max !== undefined
                  ? `${field.min} – ${field.max}`
                  : undefined
              }
              onChange={(e) => onChange(field.key, e.target.value)}
            />
          );
        }
        return (
          <div className={`form-field${error ? ' has-error' : ''}`} key={field.key} data-field={field.key}>
            <label htmlFor={id} title={otherLabel(field.key)}>
              {label(field.key)}
              {field.required ? (
                <span className="required" title={t('required')}>
                  {' '}
                  *
                </span>
              ) : null}
            </label>
            {input}
            {error ? (
              <p className="field-error" id={`${id}-error`} role="alert">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

import { useMemo, useState } from 'react';
import type { Organisation } from '../../lib/types';
import type { FieldSpec } from '../editing/form-fields';
import type { FieldMapping } from './imports-api';
import { useImportText } from './imports-i18n';

const CONSTANT = '\u0000constant';

/** The select's value for a property: '' (not mapped), a source field, or CONSTANT. */
const choiceOf = (target: FieldMapping[string] | undefined) =>
  target === undefined ? '' : typeof target === 'string' ? target : CONSTANT;

/**
 * The field-mapping step: one line per property of the target layer's contract (required ones
 * marked, enumerations listed), each filled from a column of the file or a constant for every row.
 * `onApply` sends the mapping; the server re-checks every row with the same zod contract.
 */
export function MappingEditor({
  fields,
  sourceFields,
  mapping,
  owners,
  busy,
  onApply,
}: {
  /** The target layer's properties (from its zod contract, as the attribute form has them). */
  fields: readonly FieldSpec[];
  /** The file's columns, in file order. */
  sourceFields: readonly string[];
  /** The mapping the server holds now (its automatic guess, or the last one applied). */
  mapping: FieldMapping;
  owners: readonly Organisation[];
  busy: boolean;
  onApply: (mapping: FieldMapping) => void;
}) {
  const { t } = useImportText();
  const [draft, setDraft] = useState<FieldMapping>(mapping);
  const changed = useMemo(() => JSON.stringify(draft) !== JSON.stringify(mapping), [draft, mapping]);

  const setTarget = (key: string, target: FieldMapping[string] | undefined) =>
    setDraft((d) => {
      const next = { ...d };
      if (target === undefined) delete next[key];
      else next[key] = target;
      return next;
    });

  return (
    <div className="import-mapping" data-testid="import-mapping">
      <p className="import-hint">{t('mappingHint')}</p>
      <table className="analysis-table import-mapping-table">
        <thead>
          <tr>
            <th>{t('property')}</th>
            <th>{t('source')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const target = draft[field.key];
            const choice = choiceOf(target);
            const constant = typeof target === 'object' && target !== null ? target.value : null;
            const options = field.kind === 'enum' || field.kind === 'enum-list' ? field.options : null;
            return (
              <tr
                key={field.key}
                data-property={field.key}
                className={field.required && !target ? 'missing' : ''}
              >
                <td>
                  <code>{field.key}</code>
                  {field.required ? <span className="import-required"> * {t('required')}</span> : null}
                  {options ? (
                    <div className="import-enum">{t('oneOf', { values: options.join(', ') })}</div>
                  ) : null}
                </td>
                <td>
                  <select
                    data-testid={`mapping-${field.key}`}
                    aria-label={field.key}
                    value={choice}
                    onChange={(e) => {
                      const value = e.target.value;
                      if (value === '') setTarget(field.key, undefined);
                      else if (value === CONSTANT) setTarget(field.key, { value: null });
                      else setTarget(field.key, value);
                    }}
                  >
                    <option value="">{t('notMapped')}</option>
                    {sourceFields.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                    <option value={CONSTANT}>{t('constant')}</option>
                  </select>
                  {choice === CONSTANT ? (
                    <ConstantInput
                      field={field}
                      value={constant}
                      owners={owners}
                      label={t('constantValue', { property: field.key })}
                      onChange={(value) => setTarget(field.key, { value })}
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="primary"
        data-testid="mapping-apply"
        disabled={busy || !changed}
        onClick={() => onApply(draft)}
      >
        {busy ? t('applying') : t('applyMapping')}
      </button>
    </div>
  );
}

function ConstantInput({
  field,
  value,
  owners,
  label,
  onChange,
}: {
  field: FieldSpec;
  value: string | number | boolean | null;
  owners: readonly Organisation[];
  label: string;
  onChange: (value: string | null) => void;
}) {
  const text = value === null ? '' : String(value);
  const testId = `mapping-constant-${field.key}`;
  if (field.kind === 'enum' || field.kind === 'org') {
    const options =
      field.kind === 'enum'
        ? field.options.map((o) => ({ value: o, label: o }))
        : owners.map((o) => ({ value: o.id, label: `${o.code} · ${o.name}` }));
    return (
      <select
        data-testid={testId}
        aria-label={label}
        value={text}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="" />
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      data-testid={testId}
      aria-label={label}
      type="text"
      inputMode={field.kind === 'number' ? 'decimal' : undefined}
      value={text}
      // Text as typed: the server reads numbers from text (also `8,5`) as it does for cells.
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
    />
  );
}

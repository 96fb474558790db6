import type { AdminOrganisation } from '@hatang/contracts';
import { type ReactNode, useMemo, useState } from 'react';
import { formatDay, formatNumber } from '../../lib/format';
import { useAdminUnits } from '../../lib/queries';
import { useAdminText } from './admin-i18n';
import { useAdminOrganisations } from './admin-queries';
import { describeApiError } from './field-errors';
import { type CommuneOption, OrganisationForm } from './organisation-form';

const COLUMNS = 7;

/** Organisations: the table with its filter, the "add organisation" form, and an edit form per row. */
export function OrganisationsTab({ csrfToken }: { csrfToken: string }) {
  const { t, lang, kindLabel } = useAdminText();
  const organisations = useAdminOrganisations();
  const units = useAdminUnits();
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const communes: CommuneOption[] = useMemo(
    () =>
      (units.data?.features ?? [])
        .map((f) => ({ code: f.properties.code, name: f.properties.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [units.data],
  );
  const all = organisations.data ?? [];
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? all.filter((o) =>
        [o.code, o.name, kindLabel(o.kind), o.adminUnitName ?? '', o.adminUnitCode ?? '']
          .join('\n')
          .toLocaleLowerCase()
          .includes(needle),
      )
    : all;

  return (
    <section aria-labelledby="tab-organisations" id="panel-organisations" role="tabpanel">
      <div className="admin-toolbar">
        <label className="admin-filter">
          {t('orgFilter')}
          <input
            type="search"
            value={filter}
            placeholder={t('orgFilterPlaceholder')}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        {organisations.data && (
          <span className="muted">{t('orgCount', { shown: shown.length, total: all.length })}</span>
        )}
        <button
          type="button"
          className="admin-primary"
          onClick={() => setAdding((v) => !v)}
          aria-expanded={adding}
        >
          {t('addOrganisation')}
        </button>
      </div>
      {adding && (
        <OrganisationForm csrfToken={csrfToken} communes={communes} onDone={() => setAdding(false)} />
      )}
      {organisations.isPending && <p>{t('loading')}</p>}
      {organisations.error && (
        <p className="admin-form-error" role="alert">
          {t('loadFailed', { message: describeApiError(organisations.error, t) })}
        </p>
      )}
      {organisations.data && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="organisations-table">
            <thead>
              <tr>
                <th scope="col">{t('orgCode')}</th>
                <th scope="col">{t('orgName')}</th>
                <th scope="col">{t('orgKind')}</th>
                <th scope="col">{t('commune')}</th>
                <th scope="col">{t('orgUsers')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((org) => (
                <OrganisationRow
                  key={org.id}
                  org={org}
                  lang={lang}
                  isEditing={editing === org.id}
                  onEdit={() => setEditing((current) => (current === org.id ? null : org.id))}
                  form={
                    <OrganisationForm
                      csrfToken={csrfToken}
                      existing={org}
                      communes={communes}
                      onDone={() => setEditing(null)}
                    />
                  }
                />
              ))}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS} className="muted">
                    {t('noOrganisations')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OrganisationRow({
  org,
  lang,
  isEditing,
  onEdit,
  form,
}: {
  org: AdminOrganisation;
  lang: 'vi' | 'en';
  isEditing: boolean;
  onEdit: () => void;
  form: ReactNode;
}) {
  const { t, kindLabel } = useAdminText();
  return (
    <>
      <tr data-testid="organisation-row" data-code={org.code}>
        <td className="admin-nowrap">
          <code>{org.code}</code>
        </td>
        <td>{org.name}</td>
        <td>{kindLabel(org.kind)}</td>
        <td>{org.adminUnitCode ? `${org.adminUnitName ?? ''} (${org.adminUnitCode})` : '—'}</td>
        <td className="admin-number">{formatNumber(lang, org.userCount)}</td>
        <td className="admin-nowrap">{formatDay(org.createdAt)}</td>
        <td className="admin-row-actions">
          <button
            type="button"
            onClick={onEdit}
            aria-expanded={isEditing}
            aria-label={t('editOrganisation', { code: org.code })}
          >
            {t('edit')}
          </button>
        </td>
      </tr>
      {isEditing && (
        <tr className="admin-row-panel">
          <td colSpan={COLUMNS}>{form}</td>
        </tr>
      )}
    </>
  );
}

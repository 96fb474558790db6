import type { AdminOrganisation } from '@hatang/contracts';
import { type ReactNode, useMemo, useState } from 'react';
import { formatDay, formatNumber } from '../../lib/format';
import { useAdminUnits } from '../../lib/queries';
import { useAdminText } from './admin-i18n';
import { AdminListSection, matchesFilter } from './admin-list';
import { useAdminOrganisations } from './admin-queries';
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
  const shown = all.filter((o) =>
    matchesFilter(filter, [o.code, o.name, kindLabel(o.kind), o.adminUnitName ?? '', o.adminUnitCode ?? '']),
  );

  return (
    <AdminListSection
      tab="organisations"
      filter={filter}
      onFilter={setFilter}
      filterLabel={t('orgFilter')}
      filterPlaceholder={t('orgFilterPlaceholder')}
      countText={organisations.data ? t('orgCount', { shown: shown.length, total: all.length }) : null}
      addLabel={t('addOrganisation')}
      adding={adding}
      onToggleAdd={() => setAdding((v) => !v)}
      addForm={<OrganisationForm csrfToken={csrfToken} communes={communes} onDone={() => setAdding(false)} />}
      query={{ isPending: organisations.isPending, error: organisations.error, loaded: !!organisations.data }}
      tableTestId="organisations-table"
      headers={[
        t('orgCode'),
        t('orgName'),
        t('orgKind'),
        t('commune'),
        t('orgUsers'),
        t('created'),
        t('actions'),
      ]}
      shownCount={shown.length}
      emptyText={t('noOrganisations')}
    >
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
    </AdminListSection>
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

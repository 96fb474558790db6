import { useMemo, useState } from 'react';
import { useAdminUnits } from '../../lib/queries';
import type { Organisation } from '../../lib/types';
import { useAdminText } from './admin-i18n';
import { AdminListSection, matchesFilter } from './admin-list';
import { useUsers } from './admin-queries';
import { UserCreateForm } from './user-create-form';
import { UserRow } from './user-row';

/** The users table with its filter and the "add user" form. */
export function UsersTab({
  csrfToken,
  selfId,
  organisations,
}: {
  csrfToken: string;
  selfId: string;
  organisations: Organisation[];
}) {
  const { t, roleLabel } = useAdminText();
  const users = useUsers(true);
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const orgNames = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const units = useAdminUnits();
  const communeNames = useMemo(
    () => new Map((units.data?.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [units.data],
  );
  const all = users.data ?? [];
  const shown = all.filter((u) =>
    matchesFilter(filter, [
      u.email,
      u.displayName,
      orgNames.get(u.orgId) ?? '',
      ...u.roles,
      ...u.roles.map(roleLabel),
    ]),
  );
  // One clock for the whole table, so every "locked until" is compared with the same instant.
  const now = Date.now();

  return (
    <AdminListSection
      tab="users"
      filter={filter}
      onFilter={setFilter}
      filterLabel={t('filter')}
      filterPlaceholder={t('filterPlaceholder')}
      countText={users.data ? t('userCount', { shown: shown.length, total: all.length }) : null}
      addLabel={t('addUser')}
      adding={adding}
      onToggleAdd={() => setAdding((v) => !v)}
      addForm={
        <UserCreateForm csrfToken={csrfToken} organisations={organisations} onDone={() => setAdding(false)} />
      }
      query={{ isPending: users.isPending, error: users.error, loaded: !!users.data }}
      tableTestId="users-table"
      headers={[
        t('email'),
        t('displayName'),
        t('organisation'),
        t('roles'),
        t('status'),
        t('created'),
        t('actions'),
      ]}
      shownCount={shown.length}
      emptyText={t('noUsers')}
    >
      {shown.map((user) => (
        <UserRow
          key={user.id}
          user={user}
          orgName={orgNames.get(user.orgId) ?? user.orgId}
          communeName={
            user.adminUnitCode ? (communeNames.get(user.adminUnitCode) ?? user.adminUnitCode) : undefined
          }
          organisations={organisations}
          isSelf={user.id === selfId}
          csrfToken={csrfToken}
          now={now}
        />
      ))}
    </AdminListSection>
  );
}

import { useMemo, useState } from 'react';
import { useAdminUnits } from '../../lib/queries';
import type { Organisation } from '../../lib/types';
import { useAdminText } from './admin-i18n';
import { useUsers } from './admin-queries';
import { describeApiError } from './field-errors';
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
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? all.filter((u) =>
        [u.email, u.displayName, orgNames.get(u.orgId) ?? '', ...u.roles, ...u.roles.map(roleLabel)]
          .join('\n')
          .toLocaleLowerCase()
          .includes(needle),
      )
    : all;
  // One clock for the whole table, so every "locked until" is compared with the same instant.
  const now = Date.now();

  return (
    <section aria-labelledby="tab-users" id="panel-users" role="tabpanel">
      <div className="admin-toolbar">
        <label className="admin-filter">
          {t('filter')}
          <input
            type="search"
            value={filter}
            placeholder={t('filterPlaceholder')}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        {users.data && (
          <span className="muted">{t('userCount', { shown: shown.length, total: all.length })}</span>
        )}
        <button
          type="button"
          className="admin-primary"
          onClick={() => setAdding((v) => !v)}
          aria-expanded={adding}
        >
          {t('addUser')}
        </button>
      </div>
      {adding && (
        <UserCreateForm csrfToken={csrfToken} organisations={organisations} onDone={() => setAdding(false)} />
      )}
      {users.isPending && <p>{t('loading')}</p>}
      {users.error && (
        <p className="admin-form-error" role="alert">
          {t('loadFailed', { message: describeApiError(users.error, t) })}
        </p>
      )}
      {users.data && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('roles')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  orgName={orgNames.get(user.orgId) ?? user.orgId}
                  communeName={
                    user.adminUnitCode
                      ? (communeNames.get(user.adminUnitCode) ?? user.adminUnitCode)
                      : undefined
                  }
                  organisations={organisations}
                  isSelf={user.id === selfId}
                  csrfToken={csrfToken}
                  now={now}
                />
              ))}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {t('noUsers')}
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

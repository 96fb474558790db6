import type { ReactNode } from 'react';
import { useAdminText } from './admin-i18n';
import { describeApiError } from './field-errors';

/** True when any of `fields` contains the filter text (case-insensitive; an empty filter keeps all). */
export function matchesFilter(filter: string, fields: readonly string[]): boolean {
  const needle = filter.trim().toLocaleLowerCase();
  return needle === '' || fields.join('\n').toLocaleLowerCase().includes(needle);
}

/**
 * One tab of the admin page that lists records (users, organisations): the filter, the count, the
 * "add" button and its form, loading and error states, and the table with an empty-row message.
 */
export function AdminListSection({
  tab,
  filter,
  onFilter,
  filterLabel,
  filterPlaceholder,
  countText,
  addLabel,
  adding,
  onToggleAdd,
  addForm,
  query,
  tableTestId,
  headers,
  shownCount,
  emptyText,
  children,
}: {
  /** The tab's id: the section is `panel-<tab>`, labelled by `tab-<tab>`. */
  tab: string;
  filter: string;
  onFilter: (value: string) => void;
  filterLabel: string;
  filterPlaceholder: string;
  /** "12/15 …", or null while nothing is loaded. */
  countText: string | null;
  addLabel: string;
  adding: boolean;
  onToggleAdd: () => void;
  addForm: ReactNode;
  query: { isPending: boolean; error: unknown; loaded: boolean };
  tableTestId: string;
  headers: readonly string[];
  shownCount: number;
  emptyText: string;
  /** The table's rows. */
  children: ReactNode;
}) {
  const { t } = useAdminText();
  return (
    <section aria-labelledby={`tab-${tab}`} id={`panel-${tab}`} role="tabpanel">
      <div className="admin-toolbar">
        <label className="admin-filter">
          {filterLabel}
          <input
            type="search"
            value={filter}
            placeholder={filterPlaceholder}
            onChange={(e) => onFilter(e.target.value)}
          />
        </label>
        {countText !== null && <span className="muted">{countText}</span>}
        <button type="button" className="admin-primary" onClick={onToggleAdd} aria-expanded={adding}>
          {addLabel}
        </button>
      </div>
      {adding && addForm}
      {query.isPending && <p>{t('loading')}</p>}
      {query.error ? (
        <p className="admin-form-error" role="alert">
          {t('loadFailed', { message: describeApiError(query.error, t) })}
        </p>
      ) : null}
      {query.loaded && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid={tableTestId}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {children}
              {shownCount === 0 && (
                <tr>
                  <td colSpan={headers.length} className="muted">
                    {emptyText}
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

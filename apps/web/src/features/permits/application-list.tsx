import { permitApplicationView, permitKind, permitStatus } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatDay } from '../../lib/format';
import type { AdminUnitCollection } from '../../lib/types';
import { useSession } from '../auth/use-session';
import { withSnapshot } from '../offline/offline-snapshots';
import { type ListFilter, listApplications, type PermitApplication } from './permits-api';
import { usePermitsText } from './permits-i18n';
import { checkSummary, dueState, RESULT_COLOURS } from './permits-model';
import type { PermitMode } from './permits-panel';

export const permitsKey = ['permits'] as const;

/** Days elapsed against the statutory period; red when overdue. */
export function DueBadge({ a }: { a: PermitApplication }) {
  const { t } = usePermitsText();
  const due = dueState(a, new Date());
  if (due.daysElapsed === null) return <span className="permits-muted">{t('notSubmitted')}</span>;
  const date = due.dueAt ? formatDay(due.dueAt) : '';
  const title = due.dueAt
    ? [t('dueOn', { date }), due.weekendDays > 0 ? t('weekendMovedLong') : null].filter(Boolean).join('; ')
    : undefined;
  return (
    <span
      className={due.overdue ? 'permits-due overdue' : 'permits-due'}
      data-testid="permit-days"
      data-overdue={due.overdue}
      title={title}
    >
      {t('daysOf', { days: due.daysElapsed, period: due.periodDays })}
      {due.daysLeft !== null ? (
        <small>
          {' · '}
          {!due.overdue
            ? t('daysLeft', { days: due.daysLeft, date })
            : due.daysLeft < 0
              ? t('overdueBy', { days: -due.daysLeft, date })
              : t('overdueToday', { date })}
          {due.weekendDays > 0 && !due.overdue ? ` (${t('weekendMoved')})` : null}
        </small>
      ) : null}
    </span>
  );
}

/** Coloured dots with counts per check result (worst first). */
export function ChecksSummary({ a }: { a: PermitApplication }) {
  const { tx } = usePermitsText();
  const summary = checkSummary(a.checks);
  if (summary.length === 0) return <span className="permits-muted">—</span>;
  return (
    <span className="permits-summary">
      {summary.map(({ result, count }) => (
        <span key={result} title={tx(`result_${result}`, result)} data-result={result}>
          <i style={{ background: RESULT_COLOURS[result] }} />
          {count}
        </span>
      ))}
    </span>
  );
}

/** A kept list read back (null when it is not one: an older app's copy). */
const parseList = (data: unknown): PermitApplication[] | null => {
  const parsed = permitApplicationView.array().safeParse(data);
  return parsed.success ? parsed.data : null;
};

/**
 * The applications the user may see: an operator's own, the reviewers' queue (filters by commune,
 * kind, status, overdue), a commune's for its inspector.
 */
export function ApplicationList({
  mode,
  adminUnits,
  onOpen,
}: {
  mode: PermitMode;
  adminUnits: AdminUnitCollection | undefined;
  onOpen: (id: string) => void;
}) {
  const { t, tx } = usePermitsText();
  // Reviewers work oldest first; operators and communes see their newest first.
  const [filter, setFilter] = useState<ListFilter>(mode === 'reviewer' ? { sort: 'oldest' } : {});
  // The last list is kept on the phone (per user) and shown, with its time, when offline.
  const userId = useSession().data?.user.id ?? null;
  const list = useQuery({
    queryKey: [...permitsKey, 'list', filter, userId],
    queryFn: ({ signal }) =>
      withSnapshot(
        userId,
        `permits:${JSON.stringify(filter)}`,
        () => listApplications(filter, signal),
        parseList,
      ),
  });
  const rows = list.data?.value;
  const units = useMemo(
    () =>
      (adminUnits?.features ?? [])
        .map((f) => f.properties)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [adminUnits],
  );
  const unitName = useMemo(() => new Map(units.map((u) => [u.code, u.name])), [units]);
  return (
    <div className="permits-list">
      {mode === 'reviewer' ? (
        <div className="permits-filters" data-testid="permit-filters">
          <label>
            {t('filterCommune')}
            <select
              value={filter.adminUnitCode ?? ''}
              onChange={(e) => setFilter({ ...filter, adminUnitCode: e.target.value || undefined })}
            >
              <option value="">{t('all')}</option>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filterKind')}
            <select
              value={filter.kind ?? ''}
              onChange={(e) => setFilter({ ...filter, kind: e.target.value as ListFilter['kind'] })}
            >
              <option value="">{t('all')}</option>
              {permitKind.options.map((k) => (
                <option key={k} value={k}>
                  {tx(`kind_${k}`, k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filterStatus')}
            <select
              value={filter.status ?? ''}
              data-testid="permit-filter-status"
              onChange={(e) => setFilter({ ...filter, status: e.target.value as ListFilter['status'] })}
            >
              <option value="">{t('all')}</option>
              {permitStatus.options
                .filter((s) => s !== 'draft')
                .map((s) => (
                  <option key={s} value={s}>
                    {tx(`status_${s}`, s)}
                  </option>
                ))}
            </select>
          </label>
          <label className="permits-check">
            <input
              type="checkbox"
              checked={filter.overdue === true}
              onChange={(e) => setFilter({ ...filter, overdue: e.target.checked || undefined })}
            />
            {t('filterOverdue')}
          </label>
        </div>
      ) : null}
      {list.isPending ? <p className="permits-muted">{t('loading')}</p> : null}
      {list.error ? <p className="permits-error">{t('failed', { message: list.error.message })}</p> : null}
      {list.data?.savedAt ? (
        <p className="permits-muted" data-testid="permits-offline-copy">
          {t('savedCopy', { time: formatDay(list.data.savedAt, true) })}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="permits-muted">{t('noApplications')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="permits-table" data-testid="permit-list">
          <thead>
            <tr>
              <th>{t('colTitle')}</th>
              <th>{t('colStatus')}</th>
              <th>{t('colChecks')}</th>
              <th>{t('colDays')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr
                key={a.id}
                data-testid="permit-row"
                data-id={a.id}
                data-status={a.status}
                className={dueState(a, new Date()).overdue ? 'overdue' : undefined}
              >
                <td>
                  <button type="button" className="permits-link" onClick={() => onOpen(a.id)}>
                    {a.title}
                  </button>
                  <small>
                    {tx(`kind_${a.kind}`, a.kind)}
                    {a.kind === 'in_building' && typeof a.details.buildingName === 'string'
                      ? ` · ${a.details.buildingName}`
                      : ''}
                    {a.adminUnitCode ? ` · ${unitName.get(a.adminUnitCode) ?? a.adminUnitCode}` : ''}
                  </small>
                </td>
                <td>
                  <span className={`permits-status s-${a.status}`}>{tx(`status_${a.status}`, a.status)}</span>
                </td>
                <td>
                  <ChecksSummary a={a} />
                </td>
                <td>
                  <DueBadge a={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

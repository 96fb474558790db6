import {
  AUDIT_CSV_MAX_ROWS,
  AUDIT_RESOURCE_LABELS,
  type AuditAction,
  type AuditEntry,
  assetResources,
  auditAction,
  uuid,
} from '@hatang/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { formatDate, formatNumber } from '../../lib/format';
import { type AuditQuery, auditCsvHref } from './admin-api';
import { type AdminMessageKey, useAdminText } from './admin-i18n';
import { useAuditPage, useUsers } from './admin-queries';
import { describeApiError, type FieldErrors } from './field-errors';
import { FieldError, FormError, invalidProps } from './form-parts';

const ACTION_KEYS: Record<AuditAction, AdminMessageKey> = {
  create: 'actionCreate',
  update: 'actionUpdate',
  delete: 'actionDelete',
  restore: 'actionRestore',
};
const VIA_KEYS: Record<string, AdminMessageKey> = {
  session: 'viaSession',
  api_key: 'viaApiKey',
  system: 'viaSystem',
};
const EMPTY: Required<{ [K in keyof AuditQuery]: string }> = {
  actor: '',
  action: '',
  resource: '',
  recordId: '',
  from: '',
  to: '',
};
type Draft = typeof EMPTY;

/** The filters that are set, as the API takes them. */
function queryOf(draft: Draft): AuditQuery {
  const action = auditAction.safeParse(draft.action);
  return {
    actor: draft.actor || undefined,
    action: action.success ? action.data : undefined,
    resource: draft.resource || undefined,
    recordId: draft.recordId.trim() || undefined,
    from: draft.from || undefined,
    to: draft.to || undefined,
  };
}

/**
 * The audit log: who changed what and when, filtered by user, kind of record, action, record id
 * and days (Vietnam time), newest first, a page at a time, with the same filters as CSV.
 */
export function AuditTab() {
  const { t, lang } = useAdminText();
  const users = useUsers(true);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<AuditQuery>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  // The cursors of the pages seen so far: [undefined (newest), next, next…].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const pageIndex = cursors.length - 1;
  const page = useAuditPage(applied, cursors[pageIndex]);

  const resourceOptions = useMemo(() => {
    const labels = new Map<string, string>(assetResources.map((r) => [r.path, r.labels[lang]]));
    for (const [name, label] of Object.entries(AUDIT_RESOURCE_LABELS)) labels.set(name, label[lang]);
    return [...labels].sort((a, b) => a[1].localeCompare(b[1], lang));
  }, [lang]);
  const resourceLabel = (name: string) => resourceOptions.find(([n]) => n === name)?.[1] ?? name;
  const people = useMemo(
    () => [...(users.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    [users.data],
  );

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (draft.recordId.trim() && !uuid.safeParse(draft.recordId.trim()).success)
      found.recordId = t('errUuid');
    if (draft.from && draft.to && draft.to < draft.from) found.to = t('errDateOrder');
    if (Object.keys(found).length) {
      setErrors({ ...found, '': t('errForm') });
      return;
    }
    setErrors({});
    setApplied(queryOf(draft));
    setCursors([undefined]);
  };
  const clear = () => {
    setDraft(EMPTY);
    setErrors({});
    setApplied({});
    setCursors([undefined]);
  };

  const items = page.data?.items ?? [];
  const next = page.data?.next ?? null;
  return (
    <section aria-labelledby="tab-audit" id="panel-audit" role="tabpanel">
      <form
        className="admin-form admin-audit-filters"
        onSubmit={apply}
        noValidate
        aria-label={t('auditFilters')}
      >
        <div className="admin-form-grid">
          <label>
            {t('auditWho')}
            <select name="actor" value={draft.actor} onChange={(e) => set('actor')(e.target.value)}>
              <option value="">{t('anyone')}</option>
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.email})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auditWhat')}
            <select name="resource" value={draft.resource} onChange={(e) => set('resource')(e.target.value)}>
              <option value="">{t('everything')}</option>
              {resourceOptions.map(([name, label]) => (
                <option key={name} value={name}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auditAction')}
            <select name="action" value={draft.action} onChange={(e) => set('action')(e.target.value)}>
              <option value="">{t('anyAction')}</option>
              {auditAction.options.map((a) => (
                <option key={a} value={a}>
                  {t(ACTION_KEYS[a])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('auditRecord')}
            <input
              name="recordId"
              autoComplete="off"
              value={draft.recordId}
              onChange={(e) => set('recordId')(e.target.value)}
              {...invalidProps('audit-recordId', errors.recordId)}
            />
            <FieldError id="audit-recordId" message={errors.recordId} />
          </label>
          <label>
            {t('auditFrom')}
            <input type="date" name="from" value={draft.from} onChange={(e) => set('from')(e.target.value)} />
            <span className="admin-hint">{t('auditDaysHint')}</span>
          </label>
          <label>
            {t('auditTo')}
            <input
              type="date"
              name="to"
              value={draft.to}
              onChange={(e) => set('to')(e.target.value)}
              {...invalidProps('audit-to', errors.to)}
            />
            <FieldError id="audit-to" message={errors.to} />
          </label>
        </div>
        <FormError message={errors['']} />
        <div className="admin-form-actions">
          <button type="submit" className="admin-primary">
            {t('auditApply')}
          </button>
          <button type="button" onClick={clear}>
            {t('auditClear')}
          </button>
          <a
            className="admin-link-button"
            href={auditCsvHref(applied)}
            download
            data-testid="audit-csv"
            aria-describedby="audit-csv-hint"
          >
            {t('downloadCsv')}
          </a>
          <span className="admin-hint" id="audit-csv-hint">
            {t('csvHint', { max: formatNumber(lang, AUDIT_CSV_MAX_ROWS) })}
          </span>
        </div>
      </form>
      {page.isPending && <p>{t('loading')}</p>}
      {page.error && (
        <p className="admin-form-error" role="alert">
          {t('loadFailed', { message: describeApiError(page.error, t) })}
        </p>
      )}
      {page.data && (
        <>
          <div className="admin-table-wrap">
            <table className="admin-table" data-testid="audit-table" aria-busy={page.isFetching}>
              <thead>
                <tr>
                  <th scope="col">{t('auditTime')}</th>
                  <th scope="col">{t('auditWho')}</th>
                  <th scope="col">{t('auditAction')}</th>
                  <th scope="col">{t('auditWhat')}</th>
                  <th scope="col">{t('auditRecord')}</th>
                  <th scope="col">{t('auditVersion')}</th>
                  <th scope="col">{t('auditVia')}</th>
                  <th scope="col">{t('auditChanges')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <AuditRow
                    key={entry.id}
                    entry={entry}
                    resourceLabel={resourceLabel(entry.resource)}
                    onRecord={() => {
                      // The record's whole history: every other filter is dropped.
                      setDraft({ ...EMPTY, recordId: entry.recordId });
                      setErrors({});
                      setApplied({ recordId: entry.recordId });
                      setCursors([undefined]);
                    }}
                  />
                ))}
                {items.length === 0 && (
                  <tr>
                    <td colSpan={8} className="muted">
                      {t('noEntries')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <nav className="admin-pager" aria-label={t('auditPaging')}>
            <button
              type="button"
              disabled={pageIndex === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('newer')}
            </button>
            <span aria-live="polite">{t('pageN', { n: pageIndex + 1 })}</span>
            <button type="button" disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
              {t('older')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function AuditRow({
  entry,
  resourceLabel,
  onRecord,
}: {
  entry: AuditEntry;
  resourceLabel: string;
  /** Shows this record's whole history. */
  onRecord: () => void;
}) {
  const { t, lang } = useAdminText();
  const via = entry.via ? VIA_KEYS[entry.via] : undefined;
  return (
    <tr data-testid="audit-row" data-resource={entry.resource} data-action={entry.action}>
      <td className="admin-nowrap">{formatDate(lang, entry.at)}</td>
      <td>
        {entry.actorName ?? t('viaSystem')}
        {entry.actorEmail && <div className="muted admin-small">{entry.actorEmail}</div>}
      </td>
      <td>{t(ACTION_KEYS[entry.action])}</td>
      <td>{resourceLabel}</td>
      <td>
        <button
          type="button"
          className="admin-record-button"
          title={entry.recordId}
          aria-label={t('recordHistory', { id: entry.recordId })}
          onClick={onRecord}
        >
          <code>{entry.recordId.slice(0, 8)}…</code>
        </button>
      </td>
      <td className="admin-number">{formatNumber(lang, entry.version)}</td>
      <td>{via ? t(via) : '—'}</td>
      <td>
        <details>
          <summary>{t('showChanges')}</summary>
          <div className="admin-audit-json">
            <strong>{t('before')}</strong>
            <pre>{entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
            <strong>{t('after')}</strong>
            <pre>{entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
          </div>
        </details>
      </td>
    </tr>
  );
}

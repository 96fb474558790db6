/**
 * The "Cáp quang FTTH" side panel (a third column of the app, like the task register): an
 * operator's editors upload its FTTH figures as CSV and see every bad row; the operator's staff
 * see the rows they sent; the city's staff see the per-commune table, the reported figures beside
 * the proxy (labelled "ước tính gián tiếp").
 */
import type { FtthCommuneSummary, FtthReport, SessionUser } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FileButton } from '../../components/file-button';
import { ApiRequestError } from '../../lib/api-client';
import { formatDay, formatNumber } from '../../lib/format';
import { FTTH_KEY, ftthSummary, listFtthReports, uploadFtthCsv } from './ftth-api';
import { useFtthText } from './ftth-i18n';
import './ftth.css';

const STAFF = ['admin', 'planner', 'reviewer'] as const;
export const isFtthStaff = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => (STAFF as readonly string[]).includes(r)) ?? false;
const isOperatorStaff = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => r === 'operator_editor' || r === 'operator_viewer') ?? false;
/** Who has the panel: the operators' staff (their own figures) and the city's staff. */
export const canUseFtth = (user: SessionUser | null): boolean => isFtthStaff(user) || isOperatorStaff(user);
const canUpload = (user: SessionUser) =>
  user.roles.includes('operator_editor') && user.orgKind === 'operator';

export function FtthPanel(props: { user: SessionUser | null; open: boolean; onClose: () => void }) {
  if (!props.open || !props.user || !canUseFtth(props.user)) return null;
  return <PanelBody user={props.user} onClose={props.onClose} />;
}

function PanelBody({ user, onClose }: { user: SessionUser; onClose: () => void }) {
  const { t } = useFtthText();
  return (
    <aside className="dock-panel ftth-panel" data-testid="ftth-panel" aria-label={t('title')}>
      <header className="dock-panel-header ftth-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      {canUpload(user) ? <UploadForm /> : null}
      {isOperatorStaff(user) ? <OwnRows /> : null}
      {isFtthStaff(user) ? <CommuneTable /> : null}
    </aside>
  );
}

function UploadForm() {
  const { t, lang, issue } = useFtthText();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => uploadFtthCsv(await f.text()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FTTH_KEY }),
  });
  const error = upload.error;
  const details = error instanceof ApiRequestError ? error.details : [];
  return (
    <section className="ftth-section" data-testid="ftth-upload">
      <h3>{t('uploadTitle')}</h3>
      <p className="ftth-hint">{t('uploadHint')}</p>
      <form
        className="ftth-upload-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <FileButton
          label={t('file')}
          accept=".csv,text/csv"
          testId="ftth-file"
          fileNames={file ? [file.name] : []}
          onFiles={(files) => setFile(files[0] ?? null)}
        />
        <button
          type="submit"
          className="primary"
          disabled={!file || upload.isPending}
          data-testid="ftth-send"
        >
          {upload.isPending ? t('sending') : t('send')}
        </button>
      </form>
      {upload.data ? (
        <p className="ftth-ok" data-testid="ftth-sent">
          {t('sent', {
            created: formatNumber(lang, upload.data.created),
            replaced: formatNumber(lang, upload.data.replaced),
          })}
        </p>
      ) : null}
      {error ? (
        <div role="alert" data-testid="ftth-rejected">
          <p className="ftth-error">
            {details.length ? t('rejected', { n: formatNumber(lang, details.length) }) : error.message}
          </p>
          {details.length ? (
            <table className="ftth-table" data-testid="ftth-issues">
              <thead>
                <tr>
                  <th>{t('row')}</th>
                  <th>{t('field')}</th>
                  <th>{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {details.map((d) => (
                  <tr key={`${d.path.join('.')}:${d.message}`} data-row={d.path[1]}>
                    <td className="num">{d.path[0] === 'row' ? d.path[1] : ''}</td>
                    <td>
                      <code>{String(d.path[d.path.length - 1] ?? '')}</code>
                    </td>
                    <td>{issue(d.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function OwnRows() {
  const { t, lang } = useFtthText();
  const rows = useQuery({
    queryKey: [...FTTH_KEY, 'reports'],
    queryFn: ({ signal }) => listFtthReports(signal),
  });
  return (
    <section className="ftth-section" data-testid="ftth-own-rows">
      <h3>{t('ownRows')}</h3>
      {rows.isPending ? <p className="ftth-hint">{t('loading')}</p> : null}
      {rows.isError ? <p className="ftth-error">{t('failed', { message: rows.error.message })}</p> : null}
      {rows.data && rows.data.length === 0 ? <p className="ftth-hint">{t('noRows')}</p> : null}
      {rows.data && rows.data.length > 0 ? <ReportTable rows={rows.data} lang={lang} /> : null}
    </section>
  );
}

function ReportTable({ rows, lang }: { rows: FtthReport[]; lang: 'vi' | 'en' }) {
  const { t } = useFtthText();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(lang, v, 0));
  return (
    <div className="ftth-table-wrap">
      <table className="ftth-table" data-testid="ftth-rows">
        <thead>
          <tr>
            <th>{t('commune')}</th>
            <th>{t('asOf')}</th>
            <th className="num" title={t('homesPassed')}>
              {t('passedShort')}
            </th>
            <th className="num" title={t('homes1Gbps')}>
              {t('gbpsShort')}
            </th>
            <th className="num">{t('subscriptions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-commune={r.adminUnitCode}>
              <td>{r.communeName}</td>
              <td>{formatDay(r.asOf)}</td>
              <td className="num">{n(r.homesPassed)}</td>
              <td className="num">{n(r.homes1Gbps)}</td>
              <td className="num">{n(r.subscriptions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CommuneTable() {
  const { t, lang } = useFtthText();
  const [householdSize, setHouseholdSize] = useState('');
  const [reachM, setReachM] = useState('');
  const [filter, setFilter] = useState('');
  const params = {
    ...(householdSize ? { householdSize } : {}),
    ...(reachM ? { reachM } : {}),
  };
  const summary = useQuery({
    queryKey: [...FTTH_KEY, 'summary', params],
    queryFn: ({ signal }) => ftthSummary(params, signal),
  });
  const data = summary.data;
  const wanted = filter.trim().toLocaleLowerCase('vi');
  const communes = (data?.communes ?? [])
    .filter(
      (c) => !wanted || c.name.toLocaleLowerCase('vi').includes(wanted) || c.adminUnitCode.includes(wanted),
    )
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <section className="ftth-section" data-testid="ftth-summary">
      <h3>{t('summaryTitle')}</h3>
      <p className="ftth-hint">{t('summaryHint')}</p>
      {data ? (
        <p className="ftth-hint ftth-proxy-hint" data-testid="ftth-proxy-hint">
          {t('proxyHint', {
            reach: formatNumber(lang, data.params.reachM, 0),
            size: formatNumber(lang, data.params.householdSize, 2),
          })}
        </p>
      ) : null}
      <div className="ftth-params">
        <label>
          {t('householdSize')}
          <input
            type="number"
            min={1}
            max={10}
            step={0.1}
            placeholder={data ? formatNumber(lang, data.params.householdSize) : ''}
            value={householdSize}
            onChange={(e) => setHouseholdSize(e.target.value)}
          />
        </label>
        <label>
          {t('reachM')}
          <input
            type="number"
            min={0}
            max={2000}
            step={10}
            placeholder={data ? formatNumber(lang, data.params.reachM) : ''}
            value={reachM}
            onChange={(e) => setReachM(e.target.value)}
          />
        </label>
        <label>
          {t('filter')}
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="ftth-filter"
          />
        </label>
      </div>
      {summary.isPending ? <p className="ftth-hint">{t('computing')}</p> : null}
      {summary.isError ? (
        <p className="ftth-error">{t('failed', { message: summary.error.message })}</p>
      ) : null}
      {data ? (
        <>
          <p className="ftth-hint">{t('shown', { shown: communes.length, total: data.communes.length })}</p>
          <div className="ftth-table-wrap">
            <table className="ftth-table" data-testid="ftth-commune-table">
              <thead>
                <tr>
                  <th>{t('commune')}</th>
                  <th className="num">{t('households')}</th>
                  <th className="num" title={t('homesPassed')}>
                    {t('passedShort')}
                    <small>{t('reported')}</small>
                  </th>
                  <th className="num" title={t('homes1Gbps')}>
                    {t('gbpsShort')}
                    <small>{t('reported')}</small>
                  </th>
                  <th className="num ftth-proxy">{t('proxy')}</th>
                </tr>
              </thead>
              <tbody>
                <SummaryRow name={t('cityRow')} row={data.city} city />
                {communes.map((c) => (
                  <SummaryRow key={c.adminUnitCode} name={c.name} code={c.adminUnitCode} row={c} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function SummaryRow({
  name,
  code,
  row,
  city = false,
}: {
  name: string;
  code?: string;
  row: Omit<FtthCommuneSummary, 'adminUnitCode' | 'name'>;
  city?: boolean;
}) {
  const { t, lang } = useFtthText();
  const n = (v: number) => formatNumber(lang, v, 0);
  const pct = (v: number | null) => (v === null ? null : <small>{formatNumber(lang, v, 1)} %</small>);
  const figure = (lower: number | null, upper: number | null, percent: number | null) =>
    lower === null ? (
      '—'
    ) : (
      <>
        <span className="ftth-value">{n(lower)}</span>
        {pct(percent)}
        {upper !== null && upper > lower ? (
          <small className="ftth-upper">
            {t('upper')} {n(upper)}
          </small>
        ) : null}
      </>
    );
  return (
    <tr className={city ? 'ftth-city-row' : undefined} data-commune={code ?? 'city'}>
      <td>
        {name}
        {row.operatorCount > 0 ? <small>{t('operatorsIn', { n: row.operatorCount })}</small> : null}
      </td>
      <td className="num">{n(row.households)}</td>
      <td className="num" data-cell="passed">
        {figure(row.homesPassedReported, row.homesPassedUpper, row.homesPassedPercent)}
      </td>
      <td className="num" data-cell="gbps">
        {figure(row.homes1GbpsReported, row.homes1GbpsUpper, row.homes1GbpsPercent)}
      </td>
      <td className="num ftth-proxy" data-cell="proxy">
        <span className="ftth-value">{n(row.proxyHouseholdsInReach)}</span>
        {pct(row.proxyHouseholdsInReachPercent)}
      </td>
    </tr>
  );
}

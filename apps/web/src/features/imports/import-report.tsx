import { formatNumber } from '../../lib/format';
import { type ImportView, reportCsvUrl } from './imports-api';
import { useImportText } from './imports-i18n';

/** The validation report: how many rows are bad, the first problems (row, field, message), the CSV. */
export function ImportReport({ view }: { view: ImportView }) {
  const { t, lang } = useImportText();
  const n = (value: number) => formatNumber(lang, value);
  return (
    <div className="import-report" data-testid="import-report">
      <p
        className={view.rowsInvalid > 0 ? 'import-warning' : 'import-ok'}
        data-testid="import-report-summary"
      >
        {view.rowsInvalid > 0
          ? t('invalidRows', {
              invalid: n(view.rowsInvalid),
              rows: n(view.rowsParsed),
              issues: n(view.issueCount),
            })
          : t('allValid', { rows: n(view.rowsParsed) })}
      </p>
      {view.issues.length > 0 ? (
        <div className="analysis-table-wrap import-issues">
          <table className="analysis-table" data-testid="import-issues">
            <thead>
              <tr>
                <th>{t('row')}</th>
                <th>{t('field')}</th>
                <th>{t('message')}</th>
              </tr>
            </thead>
            <tbody>
              {view.issues.map((issue) => (
                <tr key={`${issue.row}:${issue.field}:${issue.message}`} data-row={issue.row}>
                  <td className="num">{issue.row}</td>
                  <td>
                    <code>{issue.field}</code>
                  </td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {view.issueCount > view.issues.length ? (
        <p className="import-hint">{t('moreIssues', { shown: n(view.issues.length) })}</p>
      ) : null}
      {view.issueCount > 0 ? (
        <a className="import-download" href={reportCsvUrl(view.id)} download data-testid="import-report-csv">
          {t('downloadReport')}
        </a>
      ) : null}
    </div>
  );
}

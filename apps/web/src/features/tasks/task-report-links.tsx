/**
 * The periodic progress report to the City People's Committee (GET /api/v1/plan-task-report), for
 * the city's staff: a period and two downloads, PDF (to read and print) and DOCX (to edit and sign).
 */
import { type ProgressReportFormat, pathOf, planTaskEndpoints, type SessionUser } from '@hatang/contracts';
import { useMemo, useState } from 'react';

import { mayCompileReport, reportPeriods } from './task-model';
import { useTasksText } from './tasks-i18n';

const ROMAN = ['I', 'II', 'III', 'IV'];

const reportPath = (period: string, format: ProgressReportFormat) =>
  `${pathOf(planTaskEndpoints.progressReport, {})}?${new URLSearchParams({ period, format })}`;

export function TaskReportLinks({ user }: { user: SessionUser }) {
  const { t, lang } = useTasksText();
  const periods = useMemo(() => reportPeriods(new Date()), []);
  const [period, setPeriod] = useState(periods[0]?.period ?? '');
  if (!mayCompileReport(user)) return null;
  const label = (p: (typeof periods)[number]) =>
    p.quarter === null
      ? t('reportYear', { y: p.year })
      : t('reportQuarter', { q: lang === 'vi' ? (ROMAN[p.quarter - 1] ?? p.quarter) : p.quarter, y: p.year });
  return (
    <section className="tasks-report" data-testid="tasks-report" aria-label={t('reportTitle')}>
      <h3>{t('reportTitle')}</h3>
      <label>
        {t('reportPeriod')}
        <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="tasks-report-period">
          {periods.map((p) => (
            <option key={p.period} value={p.period}>
              {label(p)}
            </option>
          ))}
        </select>
      </label>
      <div className="tasks-report-links">
        <a
          href={reportPath(period, 'pdf')}
          download={`bao-cao-ke-hoach-317-${period}.pdf`}
          data-testid="tasks-report-pdf"
        >
          {t('reportPdf')}
        </a>
        <a
          href={reportPath(period, 'docx')}
          download={`bao-cao-ke-hoach-317-${period}.docx`}
          data-testid="tasks-report-docx"
        >
          {t('reportDocx')}
        </a>
      </div>
    </section>
  );
}

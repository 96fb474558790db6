/** One task: the plan's words, who leads and supports it, its reports newest first, the report form. */
import type { PlanTaskReport, SessionUser, TaskEvidenceLink } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { formatDay, formatNumber } from '../../lib/format';
import { indicatorName } from '../indicators/indicators-i18n';
import { DueDate, ProgressBar, StatusChip } from './task-chips';
import { TaskDueForm } from './task-due-form';
import { mayReport, mayScheduleTasks, type TaskViewer } from './task-model';
import { TaskReportForm } from './task-report-form';
import { getTask, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';

function EvidenceLink({ link }: { link: TaskEvidenceLink }) {
  const { label } = useTasksText();
  const text = link.label ? `${link.label} (${link.ref})` : link.ref;
  return link.kind === 'url' ? (
    <a href={link.ref} target="_blank" rel="noreferrer noopener" data-testid="task-evidence-link">
      {text}
    </a>
  ) : (
    <span data-testid="task-evidence-link">
      {label('evidenceKind', link.kind)}: {text}
    </span>
  );
}

function Report({ report }: { report: PlanTaskReport }) {
  const { t, lang } = useTasksText();
  return (
    <li className="tasks-report" data-testid="task-report" data-status={report.status}>
      <div className="tasks-row-head">
        <StatusChip status={report.status} />
        <strong>{formatNumber(lang, report.progressPct, 0)} %</strong>
      </div>
      <div className="tasks-row-meta">
        {t('reportBy', {
          org: report.orgName,
          person: report.reportedBy,
          date: formatDay(report.reportedAt, true),
        })}
      </div>
      <p className="tasks-text">{report.note}</p>
      {report.evidence.length ? (
        <div className="tasks-evidence">
          <span>{t('evidence')}:</span>
          <ul>
            {report.evidence.map((link) => (
              <li key={`${link.kind}:${link.ref}`}>
                <EvidenceLink link={link} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

export function TaskDetail({
  id,
  user,
  viewer,
  onBack,
  onRaise,
}: {
  id: string;
  user: SessionUser;
  viewer: TaskViewer;
  onBack: () => void;
  onRaise: (taskId: string) => void;
}) {
  const { t, label, agency, lang } = useTasksText();
  const task = useQuery({
    queryKey: [...TASKS_KEY, 'detail', id],
    queryFn: ({ signal }) => getTask(id, signal),
  });
  const back = (
    <button type="button" className="link-button" data-testid="task-back" onClick={onBack}>
      {t('back')}
    </button>
  );
  if (task.isLoading)
    return (
      <div className="tasks-detail">
        {back}
        <p>{t('loading')}</p>
      </div>
    );
  if (!task.data)
    return (
      <div className="tasks-detail">
        {back}
        <p className="tasks-error">{t('errServer', { message: task.error?.message ?? '' })}</p>
      </div>
    );
  const d = task.data;
  const reports = [...d.reports].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  return (
    <div className="tasks-detail" data-testid="task-detail" data-code={d.code} data-status={d.status}>
      {back}
      <h3>
        <span className="tasks-code">{d.code}</span> {d.title[lang]}
      </h3>
      <div className="tasks-row-head">
        <StatusChip status={d.status} />
        <ProgressBar pct={d.progressPct} />
      </div>
      <dl className="tasks-facts">
        <dt>{t('lead')}</dt>
        <dd>{agency(d.lead)}</dd>
        <dt>{t('supporting')}</dt>
        <dd>{d.supporting.length ? d.supporting.map(agency).join('; ') : t('none')}</dd>
        <dt>{t('cadence')}</dt>
        <dd>{label('cadence', d.cadence)}</dd>
        {d.indicator ? (
          <>
            <dt>{t('indicator')}</dt>
            <dd title={d.indicator}>{indicatorName(lang, d.indicator)}</dd>
          </>
        ) : null}
        <dt>{t('due')}</dt>
        <dd>
          <DueDate task={d} bare />
          {d.dueSetBy && d.dueSetAt ? (
            <div className="tasks-row-meta" data-testid="task-due-set-by">
              {t('dueSetBy', { org: d.dueSetBy, date: formatDay(d.dueSetAt), note: d.dueNote ?? '' })}
            </div>
          ) : null}
        </dd>
      </dl>
      {mayScheduleTasks(user, viewer) ? <TaskDueForm key={d.id} task={d} /> : null}
      <h4>{t('planText')}</h4>
      <blockquote className="tasks-text" lang="vi" data-testid="task-text">
        {d.text}
      </blockquote>
      <button type="button" className="secondary" data-testid="task-raise" onClick={() => onRaise(d.id)}>
        {t('raiseOnTask')}
        {d.openObstacles > 0 ? ` (${t('openObstacles', { n: d.openObstacles })})` : ''}
      </button>
      <h4>{t('reports')}</h4>
      {reports.length ? (
        <ul className="tasks-reports" data-testid="task-reports">
          {reports.map((r) => (
            <Report key={r.id} report={r} />
          ))}
        </ul>
      ) : (
        <p className="tasks-hint">{t('noReports')}</p>
      )}
      {mayReport(viewer, d) ? (
        <TaskReportForm key={`${d.id}:${user.id}`} task={d} />
      ) : (
        <p className="tasks-hint" data-testid="task-may-not-report">
          {t('mayNotReport')}
        </p>
      )}
    </div>
  );
}

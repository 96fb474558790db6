/**
 * The undergrounding campaign's kilometres (city, chosen commune, by year) and the plan's task
 * progress by section, as the public page shows them.
 */

import { formatDay, formatNumber } from '../../lib/format';
import { usePublicTasks, usePublicUndergrounding } from './public-api';
import { type TaskStatusKey, usePublicText } from './public-i18n';
import { ScrollRegion } from './scroll-region';

const km = (lang: 'vi' | 'en', value: number) => formatNumber(lang, value, 2);
const pct = (lang: 'vi' | 'en', value: number | null) =>
  value === null ? '–' : `${formatNumber(lang, value, 1)} %`;

function Bar({ percent }: { percent: number }) {
  return (
    <span className="public-bar" aria-hidden="true">
      <span style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
    </span>
  );
}

export function UndergroundingSection({
  selected,
  selectedName,
}: {
  selected: string | null;
  selectedName?: string;
}) {
  const { t, lang } = usePublicText();
  const campaign = usePublicUndergrounding();
  const data = campaign.data;
  const commune = data?.communes.find((c) => c.code === selected);
  return (
    <section className="public-section" data-testid="public-undergrounding">
      <h2>{t('undergroundingSection')}</h2>
      {campaign.isPending ? <p className="public-muted">{t('loading')}</p> : null}
      {campaign.isError ? (
        <p className="public-error">{t('failed', { message: campaign.error.message })}</p>
      ) : null}
      {data && data.totals.segments === 0 ? <p className="public-muted">{t('campaignEmpty')}</p> : null}
      {data && data.totals.segments > 0 ? (
        <>
          <p data-testid="public-campaign-total">
            {t('campaignDone', {
              done: km(lang, data.totals.doneKm),
              total: km(lang, data.totals.totalKm),
              pct: pct(lang, data.totals.donePercent),
            })}
            <Bar percent={data.totals.donePercent ?? 0} />
          </p>
          <p className="public-muted">
            {t('campaignInProgress', {
              km: km(lang, data.totals.inProgressKm),
              planned: km(lang, data.totals.plannedKm),
            })}
          </p>
          <ScrollRegion label={t('undergroundingSection')}>
            <table className="public-table public-small">
              <thead>
                <tr>
                  <th scope="col">{t('campaignYear')}</th>
                  <th scope="col">{t('campaignSegments')}</th>
                  <th scope="col">{t('campaignTotalKm')}</th>
                  <th scope="col">{t('campaignDoneKm')}</th>
                </tr>
              </thead>
              <tbody>
                {data.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td>{formatNumber(lang, y.segments, 0)}</td>
                    <td>{km(lang, y.totalKm)}</td>
                    <td>{km(lang, y.doneKm)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : null}
      {data && selected && selectedName ? (
        <p data-testid="public-campaign-commune">
          {commune
            ? t('campaignCommune', {
                name: selectedName,
                done: km(lang, commune.doneKm),
                total: km(lang, commune.totalKm),
              })
            : t('campaignCommuneNone', { name: selectedName })}
        </p>
      ) : null}
    </section>
  );
}

const STATUSES: TaskStatusKey[] = ['done', 'in_progress', 'blocked', 'not_started'];

export function TasksSection() {
  const text = usePublicText();
  const { t, lang } = text;
  const tasks = usePublicTasks();
  const data = tasks.data;
  return (
    <section className="public-section" data-testid="public-tasks">
      <h2>{t('tasksSection')}</h2>
      {tasks.isPending ? <p className="public-muted">{t('loading')}</p> : null}
      {tasks.isError ? <p className="public-error">{t('failed', { message: tasks.error.message })}</p> : null}
      {data ? (
        <>
          <p data-testid="public-tasks-totals">
            {t('tasksTotals', {
              n: formatNumber(lang, data.totals.total, 0),
              mean: `${formatNumber(lang, data.totals.meanProgressPct, 1)} %`,
              overdue: formatNumber(lang, data.totals.overdue, 0),
            })}
          </p>
          <ScrollRegion label={t('tasksSection')}>
            <table className="public-table public-small public-wide" data-testid="public-tasks-table">
              <thead>
                <tr>
                  <th scope="col">{t('section')}</th>
                  <th scope="col">{t('lead')}</th>
                  <th scope="col">{t('tasks')}</th>
                  {STATUSES.map((s) => (
                    <th key={s} scope="col">
                      {text.status(s)}
                    </th>
                  ))}
                  <th scope="col">{t('meanProgress')}</th>
                  <th scope="col">{t('overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sections.map((s) => (
                  <tr key={s.section} data-testid="public-task-section" data-section={s.section}>
                    <th scope="row">{s.section}</th>
                    <td className="public-agency">{text.agency(s.lead)}</td>
                    <td>{formatNumber(lang, s.total, 0)}</td>
                    {STATUSES.map((status) => (
                      <td key={status}>{formatNumber(lang, s.byStatus[status], 0)}</td>
                    ))}
                    <td data-testid="public-task-mean">
                      {`${formatNumber(lang, s.meanProgressPct, 1)} %`}
                      <Bar percent={s.meanProgressPct} />
                    </td>
                    <td>{formatNumber(lang, s.overdue, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {data.sections.map((s) => (
            <details key={s.section} className="public-task-list">
              <summary>
                {s.section} · {t('showTasks', { n: s.tasks.length })}
              </summary>
              <ul>
                {s.tasks.map((task) => (
                  <li key={task.code} data-code={task.code} data-status={task.status}>
                    <strong>{task.code}</strong> {task.title[lang]} — <span>{text.status(task.status)}</span>,{' '}
                    {`${formatNumber(lang, task.progressPct, 0)} %`},{' '}
                    <span className={task.overdue ? 'public-overdue' : undefined}>
                      {t('due', { date: formatDay(task.due) })}
                      {task.dueIsAssumption ? ` (${t('assumption')})` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          <p className="public-muted">{t('tasksNote')}</p>
        </>
      ) : null}
    </section>
  );
}

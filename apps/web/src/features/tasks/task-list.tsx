/** The register's list: filters (agency, status, my agency's tasks) and the tasks by section. */
import {
  PLAN_AGENCIES,
  type PlanAgency,
  type PlanTask,
  type PlanTaskStatus,
  planTaskStatus,
} from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DueDate, ProgressBar, StatusChip } from './task-chips';
import { groupBySection, type TaskViewer } from './task-model';
import { listTasks, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';

export interface TaskListFilter {
  lead: PlanAgency | '';
  status: PlanTaskStatus | '';
  mine: boolean;
}

const isMine = (viewer: TaskViewer, task: PlanTask) =>
  viewer.agency !== null && (task.lead === viewer.agency || task.supporting.includes(viewer.agency));

export function TaskList({
  viewer,
  filter,
  onFilter,
  onOpen,
}: {
  viewer: TaskViewer;
  filter: TaskListFilter;
  onFilter: (f: TaskListFilter) => void;
  onOpen: (id: string) => void;
}) {
  const { t, label, agency, lang } = useTasksText();
  const list = useQuery({
    queryKey: [...TASKS_KEY, 'list', filter.lead, filter.status],
    queryFn: ({ signal }) =>
      listTasks({ lead: filter.lead || undefined, status: filter.status || undefined }, signal),
  });
  const sections = useMemo(
    () => groupBySection((list.data ?? []).filter((task) => !filter.mine || isMine(viewer, task))),
    [list.data, filter.mine, viewer],
  );
  const shown = sections.reduce((n, s) => n + s.tasks.length, 0);

  return (
    <>
      <div className="tasks-filters">
        <label>
          {t('agency')}
          <select
            data-testid="tasks-agency"
            value={filter.lead}
            onChange={(e) => onFilter({ ...filter, lead: e.target.value as PlanAgency | '' })}
          >
            <option value="">{t('allAgencies')}</option>
            {PLAN_AGENCIES.filter((a) => a !== 'city').map((a) => (
              <option key={a} value={a}>
                {agency(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('status')}
          <select
            data-testid="tasks-status"
            value={filter.status}
            onChange={(e) => onFilter({ ...filter, status: e.target.value as PlanTaskStatus | '' })}
          >
            <option value="">{t('allStatuses')}</option>
            {planTaskStatus.options.map((s) => (
              <option key={s} value={s}>
                {label('status', s)}
              </option>
            ))}
          </select>
        </label>
        <label className="tasks-check">
          <input
            type="checkbox"
            data-testid="tasks-mine"
            checked={filter.mine}
            disabled={viewer.agency === null}
            onChange={(e) => onFilter({ ...filter, mine: e.target.checked })}
          />
          {t('mine')}
        </label>
      </div>
      <p className="tasks-hint" data-testid="tasks-agency-note">
        {viewer.agency ? t('yourAgency', { name: agency(viewer.agency) }) : t('noAgency')}
        {viewer.coordinates ? ` · ${t('coordinator')}` : ''}
      </p>
      {list.isLoading ? <p>{t('loading')}</p> : null}
      {list.error ? <p className="tasks-error">{t('errServer', { message: list.error.message })}</p> : null}
      {list.data ? (
        <p className="tasks-hint" data-testid="tasks-count">
          {shown ? t('count', { n: shown }) : t('empty')}
        </p>
      ) : null}
      {sections.map((s) => (
        <section
          key={s.section}
          className="tasks-section"
          data-testid="tasks-section"
          data-section={s.section}
        >
          <h3>
            <span className="tasks-code">{s.section}</span> {agency(s.agency)}
          </h3>
          <ul className="tasks-list">
            {s.tasks.map((task) => (
              <li key={task.id}>
                <button
                  type="button"
                  data-testid="task-row"
                  data-code={task.code}
                  data-id={task.id}
                  data-status={task.status}
                  onClick={() => onOpen(task.id)}
                >
                  <span className="tasks-row-head">
                    <span className="tasks-code">{task.code}</span>
                    <StatusChip status={task.status} />
                  </span>
                  <span className="tasks-row-title">{task.title[lang]}</span>
                  <ProgressBar pct={task.progressPct} />
                  <span className="tasks-row-meta">
                    <DueDate task={task} />
                    {task.openObstacles > 0 ? (
                      <span className="tasks-obstacle-count" data-testid="task-open-obstacles">
                        {t('openObstacles', { n: task.openObstacles })}
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

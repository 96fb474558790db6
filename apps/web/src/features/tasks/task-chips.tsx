/** Small pieces of the task rows and detail: status chip, progress bar, due date with its flags. */
import type { ObstacleStatus, PlanTask, PlanTaskStatus } from '@hatang/contracts';
import { formatDay, formatNumber } from '../../lib/format';
import { useTasksText } from './tasks-i18n';
import { OBSTACLE_COLOURS } from './tasks-layers';

export const STATUS_COLOURS: Record<PlanTaskStatus | ObstacleStatus, string> = {
  not_started: '#64748b',
  in_progress: '#1d4ed8',
  done: '#2e7d32',
  blocked: '#b91c1c',
  ...OBSTACLE_COLOURS,
};

export function StatusChip({ status }: { status: PlanTaskStatus | ObstacleStatus }) {
  const { label } = useTasksText();
  return (
    <span className="tasks-chip" data-status={status} style={{ background: STATUS_COLOURS[status] }}>
      {label('status', status)}
    </span>
  );
}

export function ProgressBar({ pct }: { pct: number }) {
  const { t, lang } = useTasksText();
  const value = Math.max(0, Math.min(100, pct));
  return (
    <span className="tasks-progress" title={t('progress')}>
      <span
        className="tasks-progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-label={t('progress')}
      >
        <span style={{ width: `${value}%` }} />
      </span>
      <span className="tasks-progress-pct" data-testid="task-progress">
        {formatNumber(lang, value, 0)} %
      </span>
    </span>
  );
}

/** "Hạn 31/12/2030 (giả định)" with the overdue flag; `bare` leaves out "Hạn" (under its own heading). */
export function DueDate({
  task,
  bare = false,
}: {
  task: Pick<PlanTask, 'due' | 'dueIsAssumption' | 'overdue' | 'dueSetBy'>;
  bare?: boolean;
}) {
  const { t } = useTasksText();
  return (
    <span className="tasks-due">
      {bare ? '' : `${t('due')} `}
      {formatDay(task.due)}
      {task.dueIsAssumption ? (
        <span
          className="tasks-assumption"
          title={task.dueSetBy ? t('assumptionDostTitle') : t('assumptionTitle')}
          data-testid="task-due-assumption"
        >
          {' '}
          ({task.dueSetBy ? t('assumptionDost') : t('assumption')})
        </span>
      ) : null}
      {task.overdue ? (
        <span className="tasks-overdue" data-testid="task-overdue">
          {t('overdue')}
        </span>
      ) : null}
    </span>
  );
}

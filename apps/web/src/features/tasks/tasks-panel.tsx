/**
 * The "Nhiệm vụ" side panel (a third column of the app, like the violations panel): plan 317's
 * task register and, in a second tab, the obstacles ("khó khăn, vướng mắc"). For signed-in staff;
 * the public viewer role has no register.
 */
import type { SessionUser } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import type { Organisation } from '../../lib/types';
import { ObstacleForm } from './obstacle-form';
import { ObstacleDetail, ObstacleList } from './obstacles-tab';
import { TaskDetail } from './task-detail';
import { TaskList, type TaskListFilter } from './task-list';
import { canUseTasks, sortObstacles, taskViewerOf } from './task-model';
import { TaskReportLinks } from './task-report-links';
import { listObstacles, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';
import { useObstacleLayer } from './tasks-layers';
import './tasks.css';

export { canUseTasks };

type Tab = 'tasks' | 'obstacles';
type ObstacleView =
  | { kind: 'list' }
  | { kind: 'form'; taskId: string | null }
  | { kind: 'detail'; id: string };

export function TasksPanel(props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  open: boolean;
  onClose: () => void;
}) {
  if (!props.open || !props.user || !canUseTasks(props.user)) return null;
  return <PanelBody {...props} user={props.user} />;
}

function PanelBody({
  map,
  user,
  organisations,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser;
  organisations: readonly Organisation[] | undefined;
  onClose: () => void;
}) {
  const { t } = useTasksText();
  const viewer = useMemo(() => taskViewerOf(user, organisations), [user, organisations]);
  const [tab, setTab] = useState<Tab>('tasks');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [filter, setFilter] = useState<TaskListFilter>({ lead: '', status: '', mine: false });
  const [obstacleView, setObstacleView] = useState<ObstacleView>({ kind: 'list' });
  const [picking, setPicking] = useState(false);
  const obstacles = useQuery({
    queryKey: [...TASKS_KEY, 'obstacles'],
    queryFn: ({ signal }) => listObstacles(signal),
    select: sortObstacles,
  });
  const openObstacle = useCallback((id: string) => {
    setPicking(false);
    setObstacleView({ kind: 'detail', id });
    setTab('obstacles');
  }, []);
  useObstacleLayer(map, obstacles.data, openObstacle, picking);
  const openCount = obstacles.data?.filter((o) => o.status === 'open').length ?? 0;
  const opened =
    obstacleView.kind === 'detail' ? obstacles.data?.find((o) => o.id === obstacleView.id) : undefined;

  const showObstacles = (view: ObstacleView) => {
    setPicking(false);
    setObstacleView(view);
    setTab('obstacles');
  };

  return (
    <aside
      className={picking ? 'dock-panel tasks-panel picking' : 'dock-panel tasks-panel'}
      data-testid="tasks-panel"
      aria-label={t('title')}
    >
      <header className="dock-panel-header tasks-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="tasks-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          data-testid="tasks-tab-tasks"
          aria-selected={tab === 'tasks'}
          onClick={() => {
            setPicking(false);
            setTab('tasks');
          }}
        >
          {t('tabTasks')}
        </button>
        <button
          type="button"
          role="tab"
          data-testid="tasks-tab-obstacles"
          aria-selected={tab === 'obstacles'}
          onClick={() => showObstacles(obstacleView.kind === 'form' ? obstacleView : { kind: 'list' })}
        >
          {t('tabObstacles')}
          {openCount ? <span className="tasks-tab-count">{openCount}</span> : null}
        </button>
      </div>

      {tab === 'tasks' ? (
        taskId ? (
          <TaskDetail
            id={taskId}
            user={user}
            viewer={viewer}
            onBack={() => setTaskId(null)}
            onRaise={(id) => showObstacles({ kind: 'form', taskId: id })}
          />
        ) : (
          <>
            <TaskReportLinks user={user} />
            <TaskList viewer={viewer} filter={filter} onFilter={setFilter} onOpen={setTaskId} />
          </>
        )
      ) : obstacleView.kind === 'form' ? (
        <ObstacleForm
          key={obstacleView.taskId ?? 'none'}
          map={map}
          taskId={obstacleView.taskId}
          picking={picking}
          onPicking={setPicking}
          onCancel={() => showObstacles({ kind: 'list' })}
          onRaised={(o) => showObstacles({ kind: 'detail', id: o.id })}
        />
      ) : opened ? (
        <ObstacleDetail
          key={opened.id}
          obstacle={opened}
          user={user}
          viewer={viewer}
          onBack={() => showObstacles({ kind: 'list' })}
        />
      ) : (
        <>
          <p className="tasks-hint">{t('obstaclesHint')}</p>
          <button
            type="button"
            className="primary"
            data-testid="obstacle-raise"
            onClick={() => showObstacles({ kind: 'form', taskId: null })}
          >
            {t('raise')}
          </button>
          {obstacles.isLoading || obstacleView.kind === 'detail' ? <p>{t('loading')}</p> : null}
          {obstacles.error ? (
            <p className="tasks-error">{t('errServer', { message: obstacles.error.message })}</p>
          ) : null}
          {obstacles.data ? (
            <ObstacleList obstacles={obstacles.data} onOpen={(id) => showObstacles({ kind: 'detail', id })} />
          ) : null}
        </>
      )}
    </aside>
  );
}

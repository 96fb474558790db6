/**
 * "Raise an obstacle": on a task chosen from the register and/or a place clicked on the map,
 * addressed to the agency that must act (the task's lead by default), checked with the shared
 * `obstacleCreate` before sending.
 */
import { type Obstacle, obstacleCreate, PLAN_AGENCIES, type PlanAgency } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import { formatLngLat } from '../../lib/format';
import { type FieldErrors, serverErrors, zodFieldErrors } from './task-model';
import { listTasks, raiseObstacle, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';
import { type LngLat, usePlacePicker } from './tasks-layers';

export function ObstacleForm({
  map,
  taskId: initialTask,
  picking,
  onPicking,
  onCancel,
  onRaised,
}: {
  map: MapLibreMap | null;
  taskId: string | null;
  picking: boolean;
  onPicking: (picking: boolean) => void;
  onCancel: () => void;
  onRaised: (o: Obstacle) => void;
}) {
  const { t, agency, lang } = useTasksText();
  const queryClient = useQueryClient();
  const tasks = useQuery({
    queryKey: [...TASKS_KEY, 'list', '', ''],
    queryFn: ({ signal }) => listTasks({}, signal),
  });
  const [taskId, setTaskId] = useState(initialTask ?? '');
  const [addressedTo, setAddressedTo] = useState<PlanAgency | ''>('');
  const [at, setAt] = useState<LngLat | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  usePlacePicker(map, picking, at, (p) => {
    setAt(p);
    onPicking(false);
  });
  const task = tasks.data?.find((x) => x.id === taskId);
  // The agency addressed: the one chosen, else the task's lead.
  const to = addressedTo || task?.lead || '';

  const save = useMutation({
    mutationFn: raiseObstacle,
    onSuccess: (o) => {
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      onRaised(o);
    },
    onError: (error) => setErrors(serverErrors(error, t, 'errForbiddenAnswer')),
  });

  const submit = () => {
    const parsed = obstacleCreate.safeParse({
      taskId: taskId || null,
      location: at ? { type: 'Point', coordinates: at } : null,
      addressedTo: to || undefined,
      title,
      body,
    });
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error.issues, t);
      if (!taskId && !at) found.taskId = t('needTaskOrPlace');
      setErrors(found);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };

  const error = (field: string) =>
    errors[field] ? (
      <span className="tasks-field-error" role="alert" data-testid={`obstacle-error-${field}`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form
      className="tasks-form"
      data-testid="obstacle-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{t('raise')}</h3>
      <fieldset disabled={save.isPending}>
        <label>
          {t('task')}
          <select data-testid="obstacle-task" value={taskId} onChange={(e) => setTaskId(e.target.value)}>
            <option value="">{t('noTask')}</option>
            {(tasks.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.code} · {x.title[lang]}
              </option>
            ))}
          </select>
          {error('taskId')}
        </label>
        <div className="tasks-place">
          <span className="tasks-field-label">{t('place')}</span>
          <span data-testid="obstacle-place">{at ? formatLngLat(at) : t('noPlace')}</span>
          <button
            type="button"
            data-testid="obstacle-pick"
            aria-pressed={picking}
            onClick={() => onPicking(!picking)}
          >
            {picking ? t('stopPicking') : t('pickPlace')}
          </button>
          {at ? (
            <button type="button" onClick={() => setAt(null)}>
              {t('clearPlace')}
            </button>
          ) : null}
          {picking ? <p className="tasks-hint">{t('picking')}</p> : null}
        </div>
        <label>
          {t('addressedTo')}
          <select
            data-testid="obstacle-addressed-to"
            value={to}
            onChange={(e) => setAddressedTo(e.target.value as PlanAgency | '')}
          >
            <option value="" disabled>
              —
            </option>
            {PLAN_AGENCIES.map((a) => (
              <option key={a} value={a}>
                {agency(a)}
              </option>
            ))}
          </select>
          {error('addressedTo')}
        </label>
        <label>
          {t('obstacleTitle')}
          <input
            type="text"
            maxLength={200}
            data-testid="obstacle-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          {error('title')}
        </label>
        <label>
          {t('obstacleBody')}
          <textarea
            rows={4}
            maxLength={8000}
            data-testid="obstacle-body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {error('body')}
        </label>
      </fieldset>
      {errors[''] ? (
        <p className="tasks-error" role="alert" data-testid="obstacle-error">
          {errors['']}
        </p>
      ) : null}
      <div className="tasks-buttons">
        <button type="submit" className="primary" data-testid="obstacle-save" disabled={save.isPending}>
          {save.isPending ? t('sending') : t('send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * "Khó khăn, vướng mắc": the obstacles the user reads (open first, with days unanswered, those
 * over a week highlighted), one obstacle with its answers, the answer form (with "resolve") and
 * the resolve button where the user's agency may act.
 */
import type { Obstacle, SessionUser } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay, formatLngLat } from '../../lib/format';
import { StatusChip } from './task-chips';
import {
  type FieldErrors,
  isLongUnanswered,
  mayAnswer,
  mayResolve,
  serverErrors,
  type TaskViewer,
} from './task-model';
import { answerObstacle, resolveObstacle, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';

function Where({ o }: { o: Obstacle }) {
  const { t } = useTasksText();
  const parts = [
    o.taskCode ? t('onTask', { code: o.taskCode }) : null,
    o.location ? t('atPlace', { lngLat: formatLngLat(o.location.coordinates) }) : null,
  ].filter((x): x is string => x !== null);
  return <>{parts.join(' · ')}</>;
}

export function ObstacleList({
  obstacles,
  onOpen,
}: {
  obstacles: readonly Obstacle[];
  onOpen: (id: string) => void;
}) {
  const { t, agency } = useTasksText();
  if (!obstacles.length) return <p className="tasks-hint">{t('obstaclesEmpty')}</p>;
  return (
    <>
      <p className="tasks-hint" data-testid="obstacles-count">
        {t('obstaclesCount', { n: obstacles.length })}
      </p>
      <ul className="tasks-list">
        {obstacles.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              data-testid="obstacle-row"
              data-id={o.id}
              data-status={o.status}
              className={isLongUnanswered(o) ? 'tasks-late' : undefined}
              onClick={() => onOpen(o.id)}
            >
              <span className="tasks-row-head">
                <StatusChip status={o.status} />
                {o.status === 'open' ? (
                  <span className="tasks-days" data-testid="obstacle-days">
                    {t('daysUnanswered', { n: o.daysUnanswered })}
                  </span>
                ) : null}
              </span>
              <span className="tasks-row-title">{o.title}</span>
              <span className="tasks-row-meta">
                <Where o={o} /> · {t('addressedTo')}: {agency(o.addressedTo)}
              </span>
              <span className="tasks-row-meta">
                {o.raisedByOrg} · {formatDay(o.raisedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ObstacleDetail({
  obstacle: o,
  user,
  viewer,
  onBack,
}: {
  obstacle: Obstacle;
  user: SessionUser;
  viewer: TaskViewer;
  onBack: () => void;
}) {
  const { t, agency } = useTasksText();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [resolve, setResolve] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = () => {
    setBody('');
    setResolve(false);
    setErrors({});
    void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
  };
  const answer = useMutation({
    mutationFn: () => answerObstacle(o.id, body.trim(), resolve),
    onSuccess: done,
    onError: (error) => setErrors(serverErrors(error, t, 'errForbiddenAnswer')),
  });
  const close = useMutation({
    mutationFn: () => resolveObstacle(o.id),
    onSuccess: done,
    onError: (error) => setErrors(serverErrors(error, t, 'errForbiddenAnswer')),
  });
  const busy = answer.isPending || close.isPending;
  const canAnswer = mayAnswer(viewer, o);
  const canResolve = mayResolve(viewer, user, o);

  return (
    <div className="tasks-detail" data-testid="obstacle-detail" data-status={o.status}>
      <button type="button" className="link-button" data-testid="obstacle-back" onClick={onBack}>
        {t('back')}
      </button>
      <h3>{o.title}</h3>
      <div className="tasks-row-head">
        <StatusChip status={o.status} />
        {o.status === 'open' ? (
          <span className={isLongUnanswered(o) ? 'tasks-days tasks-late' : 'tasks-days'}>
            {t('daysUnanswered', { n: o.daysUnanswered })}
          </span>
        ) : null}
      </div>
      <dl className="tasks-facts">
        <dt>{t('raisedBy')}</dt>
        <dd>{o.raisedByOrg}</dd>
        <dt>{t('raisedAt')}</dt>
        <dd>{formatDay(o.raisedAt, true)}</dd>
        <dt>{t('addressedTo')}</dt>
        <dd>{agency(o.addressedTo)}</dd>
        <dt>{t('place')}</dt>
        <dd>
          <Where o={o} />
        </dd>
      </dl>
      <p className="tasks-text" data-testid="obstacle-text">
        {o.body}
      </p>
      <h4>{t('answers')}</h4>
      {o.answers.length ? (
        <ul className="tasks-reports" data-testid="obstacle-answers">
          {o.answers.map((a) => (
            <li key={a.id} className="tasks-report" data-testid="obstacle-answer">
              <div className="tasks-row-meta">
                {t('reportBy', { org: a.orgName, person: a.answeredBy, date: formatDay(a.answeredAt, true) })}
              </div>
              <p className="tasks-text">{a.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="tasks-hint">{t('noAnswers')}</p>
      )}
      {canAnswer ? (
        <form
          className="tasks-form"
          data-testid="obstacle-answer-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!body.trim()) {
              setErrors({ body: t('errRequired') });
              return;
            }
            answer.mutate();
          }}
        >
          <fieldset disabled={busy}>
            <label>
              {t('answerBody')}
              <textarea
                rows={3}
                maxLength={8000}
                data-testid="obstacle-answer-body"
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
              {errors.body ? (
                <span className="tasks-field-error" role="alert">
                  {errors.body}
                </span>
              ) : null}
            </label>
            <label className="tasks-check">
              <input
                type="checkbox"
                data-testid="obstacle-answer-resolve"
                checked={resolve}
                onChange={(e) => setResolve(e.target.checked)}
              />
              {t('answerAndResolve')}
            </label>
          </fieldset>
          <div className="tasks-buttons">
            <button type="submit" className="primary" data-testid="obstacle-answer-send" disabled={busy}>
              {answer.isPending ? t('sending') : t('sendAnswer')}
            </button>
          </div>
        </form>
      ) : null}
      {canResolve ? (
        <div className="tasks-buttons">
          <button type="button" data-testid="obstacle-resolve" disabled={busy} onClick={() => close.mutate()}>
            {close.isPending ? t('resolving') : t('resolve')}
          </button>
        </div>
      ) : null}
      {!canAnswer && !canResolve && o.status !== 'resolved' ? (
        <p className="tasks-hint">{t('readOnlyObstacle')}</p>
      ) : null}
      {errors[''] ? (
        <p className="tasks-error" role="alert" data-testid="obstacle-action-error">
          {errors['']}
        </p>
      ) : null}
    </div>
  );
}

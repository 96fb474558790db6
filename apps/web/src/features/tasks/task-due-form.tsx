/**
 * "Change the due date" on a task, for the Department of Science and Technology (the plan gives no
 * due date per task: the Department sets them, as a planning assumption, with the reason). Checked
 * with the shared `planTaskDueInput` before sending; the server's refusals shown by field.
 */
import type { PlanTaskDetail } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { buildDue, type FieldErrors, serverErrors } from './task-model';
import { setTaskDue, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';

function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors[field];
  return message ? (
    <span className="tasks-field-error" role="alert" data-testid={`due-error-${field || 'form'}`}>
      {message}
    </span>
  ) : null;
}

export function TaskDueForm({ task }: { task: PlanTaskDetail }) {
  const { t } = useTasksText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ due: task.due, note: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof setTaskDue>[1]) => setTaskDue(task.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData([...TASKS_KEY, 'detail', task.id], updated);
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      setOpen(false);
      setErrors({});
      setSaved(true);
    },
    onError: (error) => setErrors(serverErrors(error, t, 'errForbiddenDue')),
  });
  if (!open)
    return (
      <div className="tasks-buttons">
        <button
          type="button"
          className="secondary"
          data-testid="task-due-change"
          onClick={() => {
            setValues({ due: task.due, note: '' });
            setErrors({});
            setSaved(false);
            setOpen(true);
          }}
        >
          {t('dueChange')}
        </button>
        {saved ? (
          <span className="tasks-hint" role="status">
            {t('dueSaved')}
          </span>
        ) : null}
      </div>
    );
  return (
    <form
      className="tasks-form"
      data-testid="task-due-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const built = buildDue(values, t);
        if (!built.ok) {
          setErrors(built.errors);
          return;
        }
        setErrors({});
        save.mutate(built.body);
      }}
    >
      <h4>{t('dueChange')}</h4>
      <p className="tasks-hint">{t('dueHint')}</p>
      <fieldset disabled={save.isPending}>
        <label>
          {t('dueNew')}
          <input
            type="date"
            min="2026-01-01"
            max="2040-12-31"
            data-testid="task-due-input"
            aria-invalid={errors.due ? true : undefined}
            value={values.due}
            onChange={(e) => setValues({ ...values, due: e.target.value })}
          />
          <FieldError errors={errors} field="due" />
        </label>
        <label>
          {t('dueReason')}
          <textarea
            rows={2}
            maxLength={2000}
            data-testid="task-due-note"
            aria-invalid={errors.note ? true : undefined}
            value={values.note}
            onChange={(e) => setValues({ ...values, note: e.target.value })}
          />
          <FieldError errors={errors} field="note" />
        </label>
        <FieldError errors={errors} field="" />
        <div className="tasks-buttons">
          <button type="submit" data-testid="task-due-save">
            {save.isPending ? t('dueSaving') : t('dueSave')}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

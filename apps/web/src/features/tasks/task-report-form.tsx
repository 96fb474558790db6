/**
 * "Report progress" on a task of the user's agency: status, per cent, note and evidence links
 * (a web page, a plan item, an asset as kind and id, an indicator key), checked with the shared
 * `planTaskReportCreate` before sending; the server's refusals shown by field.
 */
import {
  type PlanTaskDetail,
  type PlanTaskStatus,
  planTaskStatus,
  taskEvidenceLink,
} from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { LAYER_GROUPS } from '../../map/layer-groups';
import {
  buildReport,
  type EvidenceDraft,
  emptyEvidence,
  type FieldErrors,
  type ReportValues,
  serverErrors,
} from './task-model';
import { reportProgress, TASKS_KEY } from './tasks-api';
import { useTasksText } from './tasks-i18n';

const ASSET_KINDS = LAYER_GROUPS.filter((g) => g.id !== 'streets');

const initial = (task: PlanTaskDetail): ReportValues => ({
  status: task.status === 'not_started' ? 'in_progress' : task.status,
  percent: String(task.progressPct),
  note: '',
  evidence: [],
});

function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors[field];
  return message ? (
    <span className="tasks-field-error" role="alert" data-testid={`report-error-${field}`}>
      {message}
    </span>
  ) : null;
}

export function TaskReportForm({ task }: { task: PlanTaskDetail }) {
  const { t, label } = useTasksText();
  const { t: appT } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ReportValues>(() => initial(task));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof reportProgress>[1]) => reportProgress(task.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData([...TASKS_KEY, 'detail', task.id], updated);
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      setValues({ ...initial(updated), status: updated.status });
      setErrors({});
      setSaved(true);
    },
    onError: (error) => setErrors(serverErrors(error, t, 'errForbiddenReport')),
  });
  const set = (patch: Partial<ReportValues>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...patch }));
  };
  const setEvidence = (i: number, patch: Partial<EvidenceDraft>) =>
    set({ evidence: values.evidence.map((e, j) => (j === i ? { ...e, ...patch } : e)) });

  return (
    <form
      className="tasks-form"
      data-testid="task-report-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const built = buildReport(values, t);
        if (!built.ok) {
          setErrors(built.errors);
          return;
        }
        setErrors({});
        save.mutate(built.body);
      }}
    >
      <h4>{t('report')}</h4>
      <p className="tasks-hint">{t('reportHint')}</p>
      <fieldset disabled={save.isPending}>
        <div className="tasks-form-row">
          <label>
            {t('status')}
            <select
              data-testid="report-status"
              value={values.status}
              onChange={(e) => set({ status: e.target.value as PlanTaskStatus })}
            >
              {planTaskStatus.options.map((s) => (
                <option key={s} value={s}>
                  {label('status', s)}
                </option>
              ))}
            </select>
            <FieldError errors={errors} field="status" />
          </label>
          <label>
            {t('percent')}
            <input
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              data-testid="report-percent"
              aria-invalid={errors.progressPct ? true : undefined}
              value={values.percent}
              onChange={(e) => set({ percent: e.target.value })}
            />
            <FieldError errors={errors} field="progressPct" />
          </label>
        </div>
        <label>
          {t('note')}
          <textarea
            rows={3}
            maxLength={4000}
            data-testid="report-note"
            aria-invalid={errors.note ? true : undefined}
            value={values.note}
            onChange={(e) => set({ note: e.target.value })}
          />
          <FieldError errors={errors} field="note" />
        </label>
        <div className="tasks-evidence-edit">
          <span className="tasks-field-label">{t('evidence')}</span>
          {values.evidence.map((e, i) => (
            <div key={i} className="tasks-evidence-row" data-testid="report-evidence">
              <select
                aria-label={t('evidenceKind')}
                data-testid="report-evidence-kind"
                value={e.kind}
                onChange={(ev) => setEvidence(i, { kind: ev.target.value as EvidenceDraft['kind'] })}
              >
                {taskEvidenceLink.shape.kind.options.map((k) => (
                  <option key={k} value={k}>
                    {label('evidenceKind', k)}
                  </option>
                ))}
              </select>
              {e.kind === 'asset' ? (
                <select
                  aria-label={t('assetKind')}
                  value={e.assetKind}
                  onChange={(ev) => setEvidence(i, { assetKind: ev.target.value })}
                >
                  {ASSET_KINDS.map((g) => (
                    <option key={g.id} value={g.id}>
                      {appT(g.labelKey)}
                    </option>
                  ))}
                </select>
              ) : null}
              <input
                type={e.kind === 'url' ? 'url' : 'text'}
                aria-label={e.kind === 'asset' ? t('assetId') : t('evidenceRef')}
                placeholder={
                  e.kind === 'url' ? 'https://…' : e.kind === 'asset' ? t('assetId') : t('evidenceRef')
                }
                data-testid="report-evidence-ref"
                aria-invalid={errors[`evidence.${i}.ref`] ? true : undefined}
                value={e.ref}
                onChange={(ev) => setEvidence(i, { ref: ev.target.value })}
              />
              <input
                type="text"
                aria-label={t('evidenceLabel')}
                placeholder={t('evidenceLabel')}
                maxLength={200}
                value={e.label}
                onChange={(ev) => setEvidence(i, { label: ev.target.value })}
              />
              <button
                type="button"
                onClick={() => set({ evidence: values.evidence.filter((_, j) => j !== i) })}
              >
                {t('remove')}
              </button>
              <FieldError errors={errors} field={`evidence.${i}.ref`} />
            </div>
          ))}
          <FieldError errors={errors} field="evidence" />
          {values.evidence.length < 20 ? (
            <button
              type="button"
              className="link-button"
              data-testid="report-add-evidence"
              onClick={() => set({ evidence: [...values.evidence, emptyEvidence()] })}
            >
              {t('addEvidence')}
            </button>
          ) : null}
        </div>
      </fieldset>
      {errors[''] ? (
        <p className="tasks-error" role="alert" data-testid="report-error">
          {errors['']}
        </p>
      ) : null}
      {saved ? (
        <p className="tasks-ok" role="status" data-testid="report-saved">
          {t('saved')}
        </p>
      ) : null}
      <div className="tasks-buttons">
        <button type="submit" className="primary" data-testid="report-save" disabled={save.isPending}>
          {save.isPending ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}

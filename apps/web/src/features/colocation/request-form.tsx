import { type CapacityCheck, COLOCATION_LABELS, type ColocationRequest } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import type { Lang } from '../../lib/i18n';
import { colocationKeys, createRequest } from './colocation-api';
import { useColocationText } from './colocation-i18n';
import type { ColocationPrefill } from './colocation-launcher';
import {
  type FormProblem,
  initialForm,
  type RequestFormState,
  requestBodies,
  TECHNOLOGIES,
  type Technology,
} from './colocation-model';
import { targetText } from './request-list';

/** The capacity check answer: fits, or each reason it does not (with the asset). */
export function CapacityBox({ check, lang }: { check: CapacityCheck; lang: Lang }) {
  const { t } = useColocationText();
  return (
    <div className="capacity" data-fits={check.fits} data-testid="capacity-check">
      <strong>
        {t('capacity')}: {check.fits ? t('fits') : t('doesNotFit')}
      </strong>
      {check.reasons.length > 0 ? (
        <ul>
          {check.reasons.map((r) => (
            <li key={`${r.code}-${r.assetId}`} data-code={r.code}>
              {r.message?.[lang] ?? COLOCATION_LABELS.capacityReason[r.code]?.[lang] ?? r.code}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The new request form, pre-filled from a launch (a tower's panel, a candidate site, a route):
 * the targets, what is asked (antennas and height on a tower, attachments on a pole, tubes and
 * length in ducts), why and from when. After sending, the capacity check of each request.
 */
export function RequestForm({
  prefill,
  onChangeTargets,
  onOpenRequest,
}: {
  prefill: ColocationPrefill | null;
  onChangeTargets: (targets: ColocationPrefill['targets']) => void;
  onOpenRequest: (request: ColocationRequest) => void;
}) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<RequestFormState>(() => initialForm(prefill, new Date()));
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [created, setCreated] = useState<ColocationRequest[]>([]);
  const targets = prefill?.targets ?? [];
  const kinds = new Set(targets.map((x) => x.kind));
  const set = (field: keyof RequestFormState) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const submit = useMutation({
    mutationFn: async () => {
      const { bodies, problems: found } = requestBodies({ targets, source: prefill?.source }, form);
      setProblems(found);
      if (found.length > 0) return [];
      const answers: ColocationRequest[] = [];
      for (const body of bodies) answers.push(await createRequest(body));
      return answers;
    },
    onSuccess: (answers) => {
      if (answers.length === 0) return;
      setCreated(answers);
      onChangeTargets([]);
      void queryClient.invalidateQueries({ queryKey: colocationKeys.all });
      void queryClient.invalidateQueries({ queryKey: colocationKeys.notifications });
    },
  });
  const problemOf = (field: FormProblem['field']) => {
    const p = problems.find((x) => x.field === field);
    return p ? <span className="field-problem">{p.message[lang]}</span> : null;
  };
  const serverProblems = submit.error instanceof ApiRequestError ? submit.error.details : [];

  return (
    <div data-testid="colocation-form-tab">
      {created.length > 0 ? (
        <div className="ok-box" data-testid="request-created">
          <p>{t('submitted', { count: created.length })}</p>
          {created.map((r) => (
            <div key={r.id}>
              <button type="button" className="link" onClick={() => onOpenRequest(r)}>
                {targetText(r, lang)} → {r.ownerOrgName}
              </button>
              <CapacityBox check={r.capacityCheck} lang={lang} />
            </div>
          ))}
        </div>
      ) : null}
      {targets.length === 0 ? (
        <p className="colocation-hint">{created.length > 0 ? '' : `${t('noTarget')} ${t('newIntro')}`}</p>
      ) : (
        <form
          className="colocation-form"
          data-testid="colocation-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate();
          }}
        >
          <div>
            <strong>{t('targets')}</strong>
            <ul className="target-list" data-testid="colocation-targets">
              {targets.map((x, i) => (
                <li key={`${x.kind}-${x.id}`} data-kind={x.kind} data-id={x.id}>
                  <span>
                    {COLOCATION_LABELS.assetKind[x.kind][lang]} {x.label ?? x.id.slice(0, 8)}
                  </span>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onChangeTargets(targets.filter((_, j) => j !== i))}
                  >
                    {t('removeTarget')}
                  </button>
                </li>
              ))}
            </ul>
            {problemOf('targets')}
          </div>
          {kinds.has('tower') ? (
            <>
              <label>
                {t('technology')}
                <select
                  name="technology"
                  value={form.technology}
                  onChange={(e) => set('technology')(e.target.value as Technology)}
                >
                  {TECHNOLOGIES.map((x) => (
                    <option key={x} value={x}>
                      {x}
                    </option>
                  ))}
                </select>
              </label>
              <div className="row">
                <label>
                  {t('antennaCount')}
                  <input
                    name="antennaCount"
                    inputMode="numeric"
                    value={form.antennaCount}
                    onChange={(e) => set('antennaCount')(e.target.value)}
                  />
                  {problemOf('antennaCount')}
                </label>
                <label>
                  {t('mountHeightM')}
                  <input
                    name="mountHeightM"
                    inputMode="decimal"
                    value={form.mountHeightM}
                    onChange={(e) => set('mountHeightM')(e.target.value)}
                  />
                  {problemOf('mountHeightM')}
                </label>
              </div>
            </>
          ) : null}
          {kinds.has('pole') ? (
            <label>
              {t('attachmentCount')}
              <input
                name="attachmentCount"
                inputMode="numeric"
                value={form.attachmentCount}
                onChange={(e) => set('attachmentCount')(e.target.value)}
              />
              {problemOf('attachmentCount')}
            </label>
          ) : null}
          {kinds.has('duct') ? (
            <div className="row">
              <label>
                {t('tubes')}
                <input
                  name="tubes"
                  inputMode="numeric"
                  value={form.tubes}
                  onChange={(e) => set('tubes')(e.target.value)}
                />
                {problemOf('tubes')}
              </label>
              <label>
                {t('lengthM')}
                <input
                  name="lengthM"
                  inputMode="decimal"
                  value={form.lengthM}
                  onChange={(e) => set('lengthM')(e.target.value)}
                />
                {problemOf('lengthM')}
              </label>
            </div>
          ) : null}
          <label>
            {t('justification')}
            <textarea
              name="justification"
              rows={3}
              value={form.justification}
              onChange={(e) => set('justification')(e.target.value)}
            />
            {problemOf('justification')}
          </label>
          <label>
            {t('desiredStartDate')}
            <input
              name="desiredStartDate"
              type="date"
              value={form.desiredStartDate}
              onChange={(e) => set('desiredStartDate')(e.target.value)}
            />
            {problemOf('desiredStartDate')}
          </label>
          {submit.error ? (
            <div className="conflict-box" role="alert" data-testid="colocation-form-error">
              {t('failed', { message: submit.error.message })}
              {serverProblems.length > 0 ? (
                <ul>
                  {serverProblems.map((p) => (
                    <li key={`${p.path.join('.')}:${p.message}`}>
                      {p.path.join('.')}: {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <button
            type="submit"
            className="primary"
            data-testid="colocation-submit"
            disabled={submit.isPending}
          >
            {submit.isPending ? t('submitting') : t('submit')}
          </button>
        </form>
      )}
    </div>
  );
}

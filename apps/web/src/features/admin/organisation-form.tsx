import {
  type AdminOrganisation,
  createOrganisationRequest,
  organisationKind,
  PLAN_AGENCIES,
  PLAN_AGENCY_LABELS,
  updateOrganisationRequest,
} from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import type { OrganisationKind } from '../../lib/types';
import { createOrganisation, updateOrganisation } from './admin-api';
import { type AdminT, useAdminText } from './admin-i18n';
import { adminKeys } from './admin-queries';
import { describeApiError, type FieldErrors, zodFieldErrors } from './field-errors';
import { FieldError, FormError, invalidProps } from './form-parts';
import { useNotify } from './toasts';

export interface CommuneOption {
  code: string;
  name: string;
}

/**
 * The server's refusal in the UI language: its 400 details by field (a commune office's commune,
 * an inspector's organisation), a taken code, an office that still has inspectors.
 */
function refusalErrors(error: unknown, t: AdminT): FieldErrors {
  if (!(error instanceof ApiRequestError)) return { '': describeApiError(error, t) };
  if (error.status === 409 && error.details.some((d) => d.path[0] === 'code'))
    return { code: t('errDuplicateCode'), '': t('errForm') };
  if (error.status === 409) return { kind: t('errKindHasInspectors'), '': t('errKindHasInspectors') };
  if (error.status === 400 && error.details.length > 0) {
    const errors: FieldErrors = { '': t('errForm') };
    for (const issue of error.details) {
      const field = String(issue.path[0] ?? '');
      errors[field] ??=
        field === 'adminUnitCode'
          ? t('errCommuneRequired')
          : field === 'code'
            ? t('errCode')
            : t('errInvalid');
    }
    return errors;
  }
  return { '': describeApiError(error, t) };
}

/**
 * Creates an organisation, or edits one (`existing`): name, kind, the commune of a commune office
 * (a picker shown only for that kind, and required there) and the plan agency. The code is typed
 * once and then fixed.
 */
export function OrganisationForm({
  csrfToken,
  existing,
  communes,
  onDone,
}: {
  csrfToken: string;
  existing?: AdminOrganisation;
  communes: CommuneOption[];
  onDone: () => void;
}) {
  const { t, lang, kindLabel } = useAdminText();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const idPrefix = existing ? `org-${existing.code}` : 'new-org';
  const [code, setCode] = useState(existing?.code ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind | ''>(existing?.kind ?? '');
  const [commune, setCommune] = useState(existing?.adminUnitCode ?? '');
  const [agency, setAgency] = useState<string>(existing?.planAgency ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const mutation = useMutation({
    mutationFn: async (): Promise<AdminOrganisation> => {
      const fields = {
        name,
        kind: kind || undefined,
        adminUnitCode: kind === 'commune' ? commune || null : null,
        planAgency: agency || null,
      };
      return existing
        ? updateOrganisation(csrfToken, existing.id, updateOrganisationRequest.parse(fields))
        : createOrganisation(csrfToken, createOrganisationRequest.parse({ ...fields, code }));
    },
    onSuccess: (saved) => {
      notify('success', t(existing ? 'orgUpdated' : 'orgCreated', { code: saved.code }));
      for (const key of [adminKeys.organisations, ['organisations'], adminKeys.users, adminKeys.audit])
        void queryClient.invalidateQueries({ queryKey: key });
      onDone();
    },
    onError: (error) => setErrors(refusalErrors(error, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = { name, kind, adminUnitCode: kind === 'commune' ? commune || null : null };
    const parsed = existing
      ? updateOrganisationRequest.safeParse({ ...fields, kind: kind || undefined })
      : createOrganisationRequest.safeParse({ ...fields, code });
    const found: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error.issues, t);
    if (found.code) found.code = t('errCode');
    if (!kind) found.kind = t('chooseKind');
    if (kind === 'commune' && !commune) found.adminUnitCode = t('errCommuneRequired');
    if (Object.keys(found).length > 0) {
      setErrors({ ...found, '': t('errForm') });
      return;
    }
    setErrors({});
    mutation.mutate();
  };

  const titleId = `${idPrefix}-title`;
  return (
    <form
      className="admin-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      data-testid="organisation-form"
    >
      <h3 id={titleId}>{existing ? t('editOrganisation', { code: existing.code }) : t('addOrganisation')}</h3>
      <div className="admin-form-grid">
        {existing ? null : (
          <label>
            {t('orgCode')}
            <input
              name="code"
              autoComplete="off"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              {...invalidProps(`${idPrefix}-code`, errors.code)}
            />
            <span className="admin-hint">{t('orgCodeHint')}</span>
            <FieldError id={`${idPrefix}-code`} message={errors.code} />
          </label>
        )}
        <label>
          {t('orgName')}
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...invalidProps(`${idPrefix}-name`, errors.name)}
          />
          <FieldError id={`${idPrefix}-name`} message={errors.name} />
        </label>
        <label>
          {t('orgKind')}
          <select
            name="kind"
            value={kind}
            onChange={(e) => setKind(organisationKind.safeParse(e.target.value).data ?? '')}
            {...invalidProps(`${idPrefix}-kind`, errors.kind)}
          >
            <option value="">{t('chooseKind')}</option>
            {organisationKind.options.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
          <FieldError id={`${idPrefix}-kind`} message={errors.kind} />
        </label>
        {kind === 'commune' && (
          <label>
            {t('commune')}
            <select
              name="adminUnitCode"
              value={commune}
              onChange={(e) => setCommune(e.target.value)}
              {...invalidProps(`${idPrefix}-adminUnitCode`, errors.adminUnitCode)}
            >
              <option value="">{t('chooseCommune')}</option>
              {communes.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.name} ({unit.code})
                </option>
              ))}
            </select>
            <span className="admin-hint">{t('communeHint')}</span>
            <FieldError id={`${idPrefix}-adminUnitCode`} message={errors.adminUnitCode} />
          </label>
        )}
        <label>
          {t('planAgency')}
          <select name="planAgency" value={agency} onChange={(e) => setAgency(e.target.value)}>
            <option value="">{t('planAgencyFromKind')}</option>
            {PLAN_AGENCIES.map((a) => (
              <option key={a} value={a}>
                {PLAN_AGENCY_LABELS[a][lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormError message={errors['']} />
      <div className="admin-form-actions">
        <button type="submit" className="admin-primary" disabled={mutation.isPending}>
          {existing ? t('save') : t('create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

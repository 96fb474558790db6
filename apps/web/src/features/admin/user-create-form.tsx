import { createUserRequest, type Role } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Organisation } from '../../lib/types';
import { createUser } from './admin-api';
import { useAdminText } from './admin-i18n';
import { adminKeys } from './admin-queries';
import { type FieldErrors, inspectorOrgError, serverFieldErrors, zodFieldErrors } from './field-errors';
import { FieldError, FormError, invalidProps, RoleCheckboxes } from './form-parts';
import { useNotify } from './toasts';

/**
 * The "add user" form: checked with the API's own `createUserRequest` before sending, then
 * with whatever the server still refuses (a taken e-mail, its 400 details) shown per field.
 */
export function UserCreateForm({
  csrfToken,
  organisations,
  onDone,
}: {
  csrfToken: string;
  organisations: Organisation[];
  onDone: () => void;
}) {
  const { t } = useAdminText();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [orgId, setOrgId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const mutation = useMutation({
    mutationFn: (input: Parameters<typeof createUser>[1]) => createUser(csrfToken, input),
    onSuccess: (user) => {
      notify('success', t('userCreated', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t, 'email')),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createUserRequest.safeParse({ email, displayName, orgId, roles, password });
    const inspector = inspectorOrgError(
      roles,
      organisations.find((o) => o.id === orgId),
      t,
    );
    if (!parsed.success || inspector) {
      const found = parsed.success ? {} : zodFieldErrors(parsed.error.issues, t);
      setErrors({ ...found, ...(inspector && !found.orgId ? { orgId: inspector } : {}), '': t('errForm') });
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="new-user-title">
      <h3 id="new-user-title">{t('addUser')}</h3>
      <div className="admin-form-grid">
        <label>
          {t('email')}
          <input
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...invalidProps('new-user-email', errors.email)}
          />
          <FieldError id="new-user-email" message={errors.email} />
        </label>
        <label>
          {t('displayName')}
          <input
            name="displayName"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            {...invalidProps('new-user-displayName', errors.displayName)}
          />
          <FieldError id="new-user-displayName" message={errors.displayName} />
        </label>
        <label>
          {t('organisation')}
          <select
            name="orgId"
            value={orgId}
            onChange={(e) => setOrgId(e.target.value)}
            {...invalidProps('new-user-orgId', errors.orgId)}
          >
            <option value="">{t('chooseOrganisation')}</option>
            {sorted.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
          <span className="admin-hint">{t('inspectorHint')}</span>
          <FieldError id="new-user-orgId" message={errors.orgId} />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...invalidProps('new-user-password', errors.password)}
          />
          <span className="admin-hint">{t('passwordHint')}</span>
          <FieldError id="new-user-password" message={errors.password} />
        </label>
      </div>
      <RoleCheckboxes idPrefix="new-user" value={roles} onChange={setRoles} error={errors.roles} />
      <FormError message={errors['']} />
      <div className="admin-form-actions">
        <button type="submit" className="admin-primary" disabled={mutation.isPending}>
          {t('create')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

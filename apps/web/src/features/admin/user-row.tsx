import { type Role, resetPasswordRequest, type UserRecord, updateUserRequest } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatDate, formatDay } from '../../lib/format';
import type { Organisation } from '../../lib/types';
import { resetPassword, revokeSessions, type UserChange, updateUser } from './admin-api';
import { useAdminText } from './admin-i18n';
import { adminKeys } from './admin-queries';
import { ConfirmBar } from './confirm-bar';
import {
  describeApiError,
  type FieldErrors,
  inspectorOrgError,
  serverFieldErrors,
  zodFieldErrors,
} from './field-errors';
import { FieldError, FormError, invalidProps, RoleCheckboxes } from './form-parts';
import { useNotify } from './toasts';

type Mode = 'edit' | 'password' | 'toggle' | 'revoke' | null;
const COLUMNS = 7;

/** Active, disabled, or locked (too many failed sign-ins) until a time. */
export function UserStatus({ user, now }: { user: UserRecord; now: number }) {
  const { t, lang } = useAdminText();
  if (user.isDisabled) return <span className="admin-badge admin-badge-off">{t('disabled')}</span>;
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
    return (
      <span className="admin-badge admin-badge-warn">
        {t('lockedUntil', { time: formatDate(lang, user.lockedUntil) })}
      </span>
    );
  }
  return <span className="admin-badge admin-badge-on">{t('active')}</span>;
}

/** One user: the table row, and below it the form or confirmation of the action in progress. */
export function UserRow({
  user,
  orgName,
  communeName,
  organisations,
  isSelf,
  csrfToken,
  now,
}: {
  user: UserRecord;
  orgName: string;
  /** The user's commune (their organisation's), named; undefined when they have none. */
  communeName: string | undefined;
  organisations: Organisation[];
  isSelf: boolean;
  csrfToken: string;
  now: number;
}) {
  const { t, lang, roleLabel } = useAdminText();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>(null);

  const update = useMutation({
    mutationFn: (change: UserChange) => updateUser(csrfToken, user.id, change),
    onSuccess: (_saved, change) => {
      const key =
        change.isDisabled === undefined ? 'userUpdated' : change.isDisabled ? 'userDisabled' : 'userEnabled';
      notify('success', t(key, { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.users });
      void queryClient.invalidateQueries({ queryKey: adminKeys.organisations });
      void queryClient.invalidateQueries({ queryKey: adminKeys.audit });
      setMode(null);
    },
    onError: (error) => notify('error', describeApiError(error, t)),
  });
  const revoke = useMutation({
    mutationFn: () => revokeSessions(csrfToken, user.id),
    onSuccess: () => {
      notify('success', t('sessionsRevoked', { email: user.email }));
      setMode(null);
    },
    onError: (error) => notify('error', describeApiError(error, t)),
  });

  // A new action starts without the previous one's error.
  const open = (next: Mode) => {
    update.reset();
    revoke.reset();
    setMode((current) => (current === next ? null : next));
  };

  return (
    <>
      <tr data-testid="user-row" data-email={user.email} className={user.isDisabled ? 'admin-row-off' : ''}>
        <td>{user.email}</td>
        <td>
          {user.displayName} {isSelf && <span className="muted">{t('you')}</span>}
        </td>
        <td>
          {orgName}
          {communeName && (
            <div className="muted admin-small">{t('userCommune', { commune: communeName })}</div>
          )}
        </td>
        <td>{user.roles.map(roleLabel).join(', ')}</td>
        <td>
          <UserStatus user={user} now={now} />
        </td>
        {/* The day is enough here; the full time is in the tooltip. */}
        <td className="admin-nowrap" title={formatDate(lang, user.createdAt)}>
          {formatDay(user.createdAt)}
        </td>
        <td className="admin-row-actions">
          <button type="button" onClick={() => open('edit')} aria-expanded={mode === 'edit'}>
            {t('edit')}
          </button>
          <button type="button" onClick={() => open('toggle')} disabled={isSelf && !user.isDisabled}>
            {user.isDisabled ? t('enable') : t('disable')}
          </button>
          <button type="button" onClick={() => open('password')} aria-expanded={mode === 'password'}>
            {t('resetPassword')}
          </button>
          <button type="button" onClick={() => open('revoke')}>
            {t('revokeSessions')}
          </button>
        </td>
      </tr>
      {mode && (
        <tr className="admin-row-panel">
          <td colSpan={COLUMNS}>
            {mode === 'edit' && (
              <EditUserForm
                user={user}
                organisations={organisations}
                pending={update.isPending}
                onSave={(change) => update.mutate(change)}
                onCancel={() => setMode(null)}
                serverError={update.error}
              />
            )}
            {mode === 'password' && (
              <ResetPasswordForm user={user} csrfToken={csrfToken} onDone={() => setMode(null)} />
            )}
            {mode === 'toggle' && (
              <ConfirmBar
                text={t(user.isDisabled ? 'confirmEnable' : 'confirmDisable', { email: user.email })}
                confirmLabel={user.isDisabled ? t('enable') : t('disable')}
                danger={!user.isDisabled}
                pending={update.isPending}
                onConfirm={() => update.mutate({ isDisabled: !user.isDisabled })}
                onCancel={() => setMode(null)}
              />
            )}
            {mode === 'revoke' && (
              <ConfirmBar
                text={t('confirmRevokeSessions', { email: user.email })}
                confirmLabel={t('revokeSessions')}
                danger
                pending={revoke.isPending}
                onConfirm={() => revoke.mutate()}
                onCancel={() => setMode(null)}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function EditUserForm({
  user,
  organisations,
  pending,
  onSave,
  onCancel,
  serverError,
}: {
  user: UserRecord;
  organisations: Organisation[];
  pending: boolean;
  onSave: (change: UserChange) => void;
  onCancel: () => void;
  serverError: unknown;
}) {
  const { t } = useAdminText();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [orgId, setOrgId] = useState(user.orgId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const prefix = `edit-${user.id}`;
  const sorted = [...organisations].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const shown = serverError ? { ...serverFieldErrors(serverError, t), ...errors } : errors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateUserRequest.safeParse({
      displayName,
      roles,
      ...(orgId === user.orgId ? {} : { orgId }),
    });
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
    onSave(parsed.data);
  };

  return (
    <form className="admin-form admin-inline-form" onSubmit={submit} noValidate>
      <h3>{t('editUser', { email: user.email })}</h3>
      <label>
        {t('displayName')}
        <input
          name="displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          {...invalidProps(`${prefix}-displayName`, shown.displayName)}
        />
        <FieldError id={`${prefix}-displayName`} message={shown.displayName} />
      </label>
      <label>
        {t('organisation')}
        <select
          name="orgId"
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
          {...invalidProps(`${prefix}-orgId`, shown.orgId)}
        >
          {sorted.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
        <span className="admin-hint">{t('inspectorHint')}</span>
        <FieldError id={`${prefix}-orgId`} message={shown.orgId} />
      </label>
      <RoleCheckboxes idPrefix={prefix} value={roles} onChange={setRoles} error={shown.roles} />
      <FormError message={shown['']} />
      <div className="admin-form-actions">
        <button type="submit" className="admin-primary" disabled={pending}>
          {t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({
  user,
  csrfToken,
  onDone,
}: {
  user: UserRecord;
  csrfToken: string;
  onDone: () => void;
}) {
  const { t } = useAdminText();
  const notify = useNotify();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const errorId = `reset-${user.id}-password`;
  const mutation = useMutation({
    mutationFn: (value: string) => resetPassword(csrfToken, user.id, value),
    onSuccess: () => {
      notify('success', t('passwordReset', { email: user.email }));
      onDone();
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resetPasswordRequest.safeParse({ password });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues, t));
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data.password);
  };

  return (
    <form className="admin-form admin-inline-form" onSubmit={submit} noValidate>
      <label>
        {t('resetPasswordFor', { email: user.email })}
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...invalidProps(errorId, errors.password)}
        />
        <span className="admin-hint">{t('passwordHint')}</span>
        <FieldError id={errorId} message={errors.password} />
      </label>
      <FormError message={errors['']} />
      <div className="admin-form-actions">
        <button type="submit" className="admin-primary" disabled={mutation.isPending}>
          {t('resetPassword')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

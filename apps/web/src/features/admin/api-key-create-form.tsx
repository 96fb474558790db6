import { type CreatedApiKey, createApiKeyRequest, type UserRecord } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { createApiKey, type NewApiKey } from './admin-api';
import { useAdminText } from './admin-i18n';
import { adminKeys } from './admin-queries';
import { type FieldErrors, serverFieldErrors, zodFieldErrors } from './field-errors';
import { FieldError, FormError, invalidProps } from './form-parts';
import { useNotify } from './toasts';

type Scope = 'read' | 'write';
const SCOPES: Scope[] = ['read', 'write'];

/** The end of a calendar day (`YYYY-MM-DD`) in the browser's time zone, as ISO 8601 UTC. */
const endOfDay = (date: string): string => new Date(`${date}T23:59:59`).toISOString();

/** Issues an API key for any user (admins may); hands the created key, secret included, to `onCreated`. */
export function ApiKeyCreateForm({
  csrfToken,
  users,
  selfId,
  onCreated,
  onCancel,
}: {
  csrfToken: string;
  users: UserRecord[];
  selfId: string;
  onCreated: (key: CreatedApiKey) => void;
  onCancel: () => void;
}) {
  const { t } = useAdminText();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [userId, setUserId] = useState(selfId);
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const mutation = useMutation({
    mutationFn: (input: NewApiKey) => createApiKey(csrfToken, input),
    onSuccess: (key) => {
      notify('success', t('keyCreated', { name: key.name }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys });
      onCreated(key);
    },
    onError: (error) => setErrors(serverFieldErrors(error, t)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiresOn ? endOfDay(expiresOn) : undefined;
    const parsed = createApiKeyRequest.safeParse({ name, userId, scopes, expiresAt });
    const found = parsed.success ? {} : zodFieldErrors(parsed.error.issues, t);
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) found.expiresAt ??= t('expiryInPast');
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors({ ...found, '': t('errForm') });
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  };

  const sortedUsers = [...users].sort((a, b) => a.email.localeCompare(b.email));
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="new-key-title">
      <h3 id="new-key-title">{t('createKey')}</h3>
      <div className="admin-form-grid">
        <label>
          {t('keyName')}
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...invalidProps('new-key-name', errors.name)}
          />
          <FieldError id="new-key-name" message={errors.name} />
        </label>
        <label>
          {t('keyUser')}
          <select
            name="userId"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            {...invalidProps('new-key-userId', errors.userId)}
          >
            {sortedUsers.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email} ({user.displayName})
              </option>
            ))}
          </select>
          <FieldError id="new-key-userId" message={errors.userId} />
        </label>
        <label>
          {t('expiresOptional')}
          <input
            name="expiresAt"
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.target.value)}
            {...invalidProps('new-key-expiresAt', errors.expiresAt)}
          />
          <FieldError id="new-key-expiresAt" message={errors.expiresAt} />
        </label>
        <fieldset className="admin-scopes" {...invalidProps('new-key-scopes', errors.scopes)}>
          <legend>{t('scopes')}</legend>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                }
              />
              {scope === 'read' ? t('scopeRead') : t('scopeWrite')}
            </label>
          ))}
          <FieldError id="new-key-scopes" message={errors.scopes} />
        </fieldset>
      </div>
      <FormError message={errors['']} />
      <div className="admin-form-actions">
        <button type="submit" className="admin-primary" disabled={mutation.isPending}>
          {t('createKey')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

import type { ApiKeyRecord, CreatedApiKey, UserRecord } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { formatDate } from '../../lib/format';
import { revokeApiKey } from './admin-api';
import { useAdminText } from './admin-i18n';
import { adminKeys, useApiKeys, useUsers } from './admin-queries';
import { ApiKeyCreateForm } from './api-key-create-form';
import { ConfirmBar } from './confirm-bar';
import { describeApiError } from './field-errors';
import { SecretBox } from './secret-box';
import { useNotify } from './toasts';

const COLUMNS = 9;

/** API keys: every key of every user (admins see all), issuing one, revoking one. */
export function ApiKeysTab({ csrfToken, selfId }: { csrfToken: string; selfId: string }) {
  const { t } = useAdminText();
  const keys = useApiKeys(true);
  const users = useUsers(true);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const usersById = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);
  const sorted = [...(keys.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const now = Date.now();

  return (
    <section aria-labelledby="tab-api-keys" id="panel-api-keys" role="tabpanel">
      <div className="admin-toolbar">
        <button
          type="button"
          className="admin-primary"
          onClick={() => {
            setCreating((v) => !v);
            setCreated(null);
          }}
          aria-expanded={creating}
        >
          {t('createKey')}
        </button>
      </div>
      {created && <SecretBox apiKey={created} onClose={() => setCreated(null)} />}
      {creating && (
        <ApiKeyCreateForm
          csrfToken={csrfToken}
          users={users.data ?? []}
          selfId={selfId}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {keys.isPending && <p>{t('loading')}</p>}
      {keys.error && (
        <p className="admin-form-error" role="alert">
          {t('loadFailed', { message: describeApiError(keys.error, t) })}
        </p>
      )}
      {keys.data && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="api-keys-table">
            <thead>
              <tr>
                <th scope="col">{t('keyName')}</th>
                <th scope="col">{t('user')}</th>
                <th scope="col">{t('prefix')}</th>
                <th scope="col">{t('scopes')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">{t('expires')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((key) => (
                <ApiKeyRow
                  key={key.id}
                  apiKey={key}
                  user={usersById.get(key.userId)}
                  csrfToken={csrfToken}
                  now={now}
                />
              ))}
              {sorted.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS} className="muted">
                    {t('noKeys')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApiKeyRow({
  apiKey,
  user,
  csrfToken,
  now,
}: {
  apiKey: ApiKeyRecord;
  user: UserRecord | undefined;
  csrfToken: string;
  now: number;
}) {
  const { t, lang } = useAdminText();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeApiKey(csrfToken, apiKey.id),
    onSuccess: () => {
      notify('success', t('keyRevoked', { name: apiKey.name }));
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: adminKeys.apiKeys });
    },
    onError: (error) => notify('error', describeApiError(error, t)),
  });
  const isExpired = apiKey.expiresAt !== null && Date.parse(apiKey.expiresAt) <= now;
  const status = apiKey.revokedAt
    ? `${t('revoked')} ${formatDate(lang, apiKey.revokedAt)}`
    : isExpired
      ? t('expired')
      : t('notRevoked');

  return (
    <>
      <tr
        data-testid="api-key-row"
        data-name={apiKey.name}
        className={apiKey.revokedAt || isExpired ? 'admin-row-off' : ''}
      >
        <td>{apiKey.name}</td>
        <td>{user ? user.email : apiKey.userId}</td>
        <td>
          <code>{apiKey.prefix}…</code>
        </td>
        <td>{apiKey.scopes.map((s) => (s === 'read' ? t('scopeRead') : t('scopeWrite'))).join(', ')}</td>
        <td className="admin-nowrap">{formatDate(lang, apiKey.createdAt)}</td>
        <td className="admin-nowrap">
          {apiKey.lastUsedAt ? formatDate(lang, apiKey.lastUsedAt) : t('never')}
        </td>
        <td className="admin-nowrap">
          {apiKey.expiresAt ? formatDate(lang, apiKey.expiresAt) : t('noExpiry')}
        </td>
        <td data-testid="api-key-status">
          <span
            className={`admin-badge ${apiKey.revokedAt || isExpired ? 'admin-badge-off' : 'admin-badge-on'}`}
          >
            {status}
          </span>
        </td>
        <td className="admin-row-actions">
          {!apiKey.revokedAt && (
            <button type="button" onClick={() => setConfirming((v) => !v)} aria-expanded={confirming}>
              {t('revoke')}
            </button>
          )}
        </td>
      </tr>
      {confirming && !apiKey.revokedAt && (
        <tr className="admin-row-panel">
          <td colSpan={COLUMNS}>
            <ConfirmBar
              text={t('confirmRevokeKey', { name: apiKey.name })}
              confirmLabel={t('revoke')}
              danger
              pending={revoke.isPending}
              onConfirm={() => revoke.mutate()}
              onCancel={() => setConfirming(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}

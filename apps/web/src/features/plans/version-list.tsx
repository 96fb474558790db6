import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { formatDate } from '../../lib/format';
import { usePlanText } from './plan-i18n';
import { VERSION_BADGE } from './plan-style';
import {
  approveVersion,
  createBaseline,
  deleteVersion,
  forkVersion,
  type Plan,
  type PlanVersion,
  renameVersion,
} from './plans-api';

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The plan's versions with kind badges: show one, fork any into a new draft, rename or delete a
 * draft, create a baseline snapshot, and approve a draft (admins, after a confirmation; If-Match
 * is the version the approver saw, so a change in between answers 409, shown here).
 */
export function VersionList({
  plan,
  shownId,
  canDraft,
  canApprove,
  onShow,
  onChanged,
}: {
  plan: Plan;
  shownId: string | null;
  canDraft: boolean;
  canApprove: boolean;
  onShow: (id: string) => void;
  onChanged: (showId?: string) => void;
}) {
  const { t, lang, label } = usePlanText();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [approving, setApproving] = useState<PlanVersion | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: async (action: () => Promise<string | undefined>) => action(),
    onMutate: () => setError(null),
    onSuccess: (showId) => onChanged(showId),
    onError: (e) => {
      setError(
        e instanceof ApiRequestError && e.status === 409 && e.code === 'VERSION_CONFLICT'
          ? t('approveConflict')
          : t('error', { message: describe(e) }),
      );
      onChanged();
    },
  });
  const busy = run.isPending;

  return (
    <section className="plan-versions" data-testid="plan-versions">
      <h3>{t('versions')}</h3>
      {plan.versions.length === 0 ? <p className="plan-hint">{t('noVersions')}</p> : null}
      <ul>
        {plan.versions.map((v) => {
          const shown = v.id === shownId;
          return (
            <li
              key={v.id}
              className={shown ? 'plan-version shown' : 'plan-version'}
              data-testid="plan-version"
              data-kind={v.kind}
              data-version-id={v.id}
            >
              <div className="plan-version-head">
                <span className={`badge ${VERSION_BADGE[v.kind]}`} data-testid="version-kind">
                  {label('kind', v.kind)}
                </span>
                {renaming?.id === v.id ? (
                  <form
                    className="plan-inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const name = renaming.name;
                      setRenaming(null);
                      run.mutate(async () => (await renameVersion(v, name)).id);
                    }}
                  >
                    <input
                      aria-label={t('rename')}
                      value={renaming.name}
                      onChange={(e) => setRenaming({ id: v.id, name: e.target.value })}
                    />
                    <button type="submit">{t('save')}</button>
                    <button type="button" onClick={() => setRenaming(null)}>
                      {t('cancel')}
                    </button>
                  </form>
                ) : (
                  <button
                    type="button"
                    className="link plan-version-name"
                    aria-pressed={shown}
                    onClick={() => onShow(v.id)}
                    data-testid="version-show"
                  >
                    {v.name}
                  </button>
                )}
              </div>
              <div className="plan-version-meta">
                {t('items', { count: v.itemCount })} · {formatDate(lang, v.approvedAt ?? v.createdAt)}
              </div>
              <div className="plan-version-actions">
                {canDraft ? (
                  <button
                    type="button"
                    disabled={busy}
                    data-testid="version-fork"
                    onClick={() =>
                      run.mutate(
                        async () =>
                          (await forkVersion(v.id, t('forkName', { name: v.name }).slice(0, 200))).id,
                      )
                    }
                  >
                    {t('fork')}
                  </button>
                ) : null}
                {canDraft && v.kind === 'draft' ? (
                  <>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => setRenaming({ id: v.id, name: v.name })}
                    >
                      {t('rename')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      disabled={busy}
                      onClick={() => {
                        if (window.confirm(t('confirmDeleteVersion', { name: v.name })))
                          run.mutate(async () => {
                            await deleteVersion(v);
                            return undefined;
                          });
                      }}
                    >
                      {t('delete')}
                    </button>
                  </>
                ) : null}
                {canApprove && v.kind === 'draft' ? (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    data-testid="version-approve"
                    onClick={() => setApproving(v)}
                  >
                    {t('approve')}
                  </button>
                ) : null}
              </div>
              {approving?.id === v.id ? (
                <div className="plan-confirm" role="alertdialog" data-testid="approve-confirm">
                  <p>
                    {t('confirmApprove', {
                      name: v.name,
                      version: approving.version,
                      count: approving.itemCount,
                    })}
                  </p>
                  <button
                    type="button"
                    className="primary"
                    data-testid="approve-confirm-button"
                    onClick={() => {
                      const seen = approving;
                      setApproving(null);
                      run.mutate(async () => (await approveVersion(seen)).id);
                    }}
                  >
                    {t('confirm')}
                  </button>
                  <button type="button" onClick={() => setApproving(null)}>
                    {t('cancel')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canDraft ? (
        <button
          type="button"
          disabled={busy}
          data-testid="create-baseline"
          onClick={() =>
            run.mutate(
              async () =>
                (
                  await createBaseline(
                    plan.id,
                    t('baselineName', { date: formatDate(lang, new Date().toISOString()) }),
                  )
                ).id,
            )
          }
        >
          {t('createBaseline')}
        </button>
      ) : null}
      {error ? (
        <p className="plan-error" role="alert" data-testid="plan-version-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

import { assetResourceAt, type SessionUser } from '@hatang/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { useOrganisations } from '../../lib/queries';
import { ownerChoices } from '../auth/permissions';
import { useSession } from '../auth/use-session';
import { fieldsOf } from '../editing/form-fields';
import { ImportCommit } from './import-commit';
import { ImportFileForm, type UploadChoice } from './import-file-form';
import { ErrorBox, ProgressBar } from './import-parts';
import { ImportReport } from './import-report';
import {
  changeImport,
  commitImport,
  fetchImport,
  type ImportChange,
  type ImportView,
  uploadImport,
} from './imports-api';
import { useImportText } from './imports-i18n';
import { MappingEditor } from './mapping-editor';
import { type PartsChoice, SourceParts } from './source-parts';
import { usePreviewLayer } from './use-preview-layer';
import './imports.css';

/**
 * The import panel (a third column of the app): choose a file, its target layer and CRS; upload
 * (progress of the bytes, then of the server's parsing); map the file's fields to the layer's
 * contract; see the first rows on the map and the validation report; choose what to do with
 * duplicates and bad rows; commit in one transaction and see what was written.
 */
export function ImportPanel(props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  open: boolean;
  onClose: () => void;
}) {
  if (!props.open || !props.user) return null;
  // Mounted only while open: closing drops the import in progress and its preview layer.
  return <ImportPanelBody map={props.map} user={props.user} onClose={props.onClose} />;
}

function ImportPanelBody({
  map,
  user,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser;
  onClose: () => void;
}) {
  const { t, lang } = useImportText();
  const queryClient = useQueryClient();
  const session = useSession();
  const organisations = useOrganisations();
  const owners = useMemo(() => ownerChoices(user, organisations.data ?? []), [user, organisations.data]);

  const [importId, setImportId] = useState<string | null>(null);
  /** The last upload, so a sheet or layers can be chosen and the same file read again. */
  const [lastChoice, setLastChoice] = useState<UploadChoice | null>(null);
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [changeError, setChangeError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'mapping' | 'option' | 'commit' | null>(null);

  const job = useQuery({
    queryKey: ['imports', importId],
    queryFn: ({ signal }) => fetchImport(importId ?? '', signal),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'parsing' ? 400 : false),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const view = job.data ?? null;
  const definition = view ? assetResourceAt(view.resource) : undefined;
  const fields = useMemo(() => (definition ? fieldsOf(definition) : []), [definition]);

  const fitPreview = usePreviewLayer(map, view?.status === 'ready' ? view.preview : null);

  const upload = useCallback(
    async (choice: UploadChoice) => {
      setUploadError(null);
      setChangeError(null);
      setUploadFraction(0);
      try {
        const started = await uploadImport(
          { ...choice, csrfToken: session.data?.csrfToken ?? null },
          setUploadFraction,
        );
        queryClient.setQueryData(['imports', started.id], started);
        setLastChoice(choice);
        setImportId(started.id);
      } catch (error) {
        setUploadError(error);
      } finally {
        setUploadFraction(null);
      }
    },
    [queryClient, session.data?.csrfToken],
  );

  const reread = useCallback(
    (parts: PartsChoice) => {
      if (!lastChoice) return;
      void upload({
        ...lastChoice,
        ...(parts.sheet === undefined ? {} : { sheet: parts.sheet }),
        ...(parts.layers === undefined ? {} : { layers: parts.layers }),
        ...(parts.crs === undefined ? {} : { crs: parts.crs }),
        columns: parts.columns,
      });
    },
    [lastChoice, upload],
  );

  const change = useCallback(
    async (what: 'mapping' | 'option', patch: ImportChange) => {
      if (!importId) return;
      setBusy(what);
      setChangeError(null);
      const key = ['imports', importId];
      const before = queryClient.getQueryData<ImportView>(key);
      // Options show at once (a checkbox that waits for the server looks broken); a mapping waits for the new report.
      if (what === 'option' && before) queryClient.setQueryData(key, { ...before, ...patch });
      try {
        queryClient.setQueryData(key, await changeImport(importId, patch));
      } catch (error) {
        if (before) queryClient.setQueryData(key, before);
        setChangeError(error);
      } finally {
        setBusy(null);
      }
    },
    [importId, queryClient],
  );

  const commit = useCallback(async () => {
    if (!importId || !view) return;
    setBusy('commit');
    setChangeError(null);
    try {
      const done = await commitImport(importId);
      queryClient.setQueryData(['imports', importId], done);
      // The map's layers (tiles and GeoJSON) reload from fresh URLs, as after an edit.
      void queryClient.invalidateQueries({ queryKey: ['assets', view.resource] });
      void queryClient.invalidateQueries({ queryKey: ['asset', view.resource] });
    } catch (error) {
      setChangeError(error);
    } finally {
      setBusy(null);
    }
  }, [importId, view, queryClient]);

  const restart = () => {
    setImportId(null);
    setUploadError(null);
    setChangeError(null);
  };

  const n = (value: number) => formatNumber(lang, value);
  return (
    <aside
      className="dock-panel analysis-panel import-panel"
      data-testid="import-panel"
      aria-label={t('title')}
    >
      <header className="dock-panel-header analysis-header">
        <div>
          <h2>{t('title')}</h2>
          <p className="import-hint">{t('subtitle')}</p>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={t('close')}
          title={t('close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>

      {importId === null ? (
        <section className="import-step">
          <h3>{t('stepFile')}</h3>
          <ImportFileForm busy={uploadFraction !== null} onUpload={upload} />
          {uploadFraction !== null ? (
            <div className="import-progress-row">
              <span>{t('uploading', { percent: `${Math.round(uploadFraction * 100)} %` })}</span>
              <ProgressBar
                fraction={uploadFraction}
                label={t('uploadProgress')}
                testId="import-upload-progress"
              />
            </div>
          ) : null}
          <ErrorBox error={uploadError} testId="import-upload-error" />
        </section>
      ) : null}

      {importId !== null && !view ? <ErrorBox error={job.error} testId="import-load-error" /> : null}

      {view ? (
        <section className="import-step" data-testid="import-job" data-status={view.status}>
          <p className="import-file-summary" data-testid="import-summary">
            {t('fileSummary', {
              file: view.fileName ?? '',
              rows: n(view.rowsParsed),
              crs: view.crs ?? '?',
            })}
            {definition ? ` → ${definition.labels[lang]}` : ''}
          </p>
          {view.status === 'parsing' ? (
            <div className="import-progress-row">
              <span>{t('parsing', { rows: n(view.progress.rowsParsed) })}</span>
              <ProgressBar
                fraction={view.progress.fraction}
                label={t('parseProgress')}
                testId="import-parse-progress"
              />
            </div>
          ) : null}
          {view.status === 'failed' && view.error ? (
            <div className="import-error" role="alert" data-testid="import-failed">
              <p>{t('failed', { message: view.error.message })}</p>
              <code>{view.error.code}</code>
            </div>
          ) : null}
          {view.status !== 'parsing' ? (
            <button type="button" data-testid="import-restart" onClick={restart}>
              {t('newImport')}
            </button>
          ) : null}
        </section>
      ) : null}

      {view?.status === 'ready' && view.parts.length > 0 ? (
        <section className="import-step">
          <h3>{t(view.format === 'dxf' ? 'stepLayers' : 'stepParts')}</h3>
          <SourceParts key={view.id} view={view} busy={uploadFraction !== null} onReread={reread} />
          <ErrorBox error={uploadError} testId="import-reread-error" />
        </section>
      ) : null}

      {view?.status === 'ready' ? (
        <>
          <section className="import-step">
            <h3>{t('stepMapping')}</h3>
            <MappingEditor
              key={view.id}
              fields={fields}
              sourceFields={view.fields}
              mapping={view.mapping}
              owners={owners}
              busy={busy === 'mapping'}
              onApply={(mapping) => void change('mapping', { mapping })}
            />
          </section>
          <section className="import-step" data-testid="import-preview">
            <h3>{t('stepPreview')}</h3>
            {view.preview.some((r) => r.geometry) ? (
              <p className="import-hint">
                {t('previewHint', { count: view.preview.length })}{' '}
                <button type="button" className="link-button" onClick={fitPreview}>
                  {t('zoomToPreview')}
                </button>
              </p>
            ) : (
              <p className="import-hint">{t('noPreview')}</p>
            )}
          </section>
          <section className="import-step">
            <h3>{t('stepReport')}</h3>
            <ImportReport view={view} />
          </section>
        </>
      ) : null}

      {view && (view.status === 'ready' || view.status === 'committed') ? (
        <section className="import-step">
          <h3>{t('stepCommit')}</h3>
          <ImportCommit
            view={view}
            busy={busy}
            onChange={(patch) => void change('option', patch)}
            onCommit={commit}
          />
        </section>
      ) : null}
      <ErrorBox error={changeError} testId="import-error" />
    </aside>
  );
}

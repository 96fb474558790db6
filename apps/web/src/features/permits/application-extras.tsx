import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FileButton } from '../../components/file-button';
import { ApiRequestError } from '../../lib/api-client';
import { formatDay, formatNumber } from '../../lib/format';
import { useSession } from '../auth/use-session';
import { permitsKey } from './application-list';
import { attachmentsKey, type DrawingState } from './attached-drawings';
import {
  addComment,
  attachmentPath,
  listAttachments,
  listComments,
  type PermitApplication,
  uploadAttachment,
} from './permits-api';
import { type PermitsKey, usePermitsText } from './permits-i18n';
import { attachmentProblem } from './permits-model';

const PURPOSES = ['drawing', 'owner_consent', 'other'] as const;

/**
 * The application's attachments (list, download) and, for who may add them, the upload. A DXF
 * drawing gets a switch for its overlay on the map (`drawings`: what was read of each), a DWG a
 * plain note that it is not drawn.
 */
export function AttachmentsSection({
  application,
  canUpload,
  drawings = {},
  hiddenDrawings = new Set(),
  onToggleDrawing,
}: {
  application: PermitApplication;
  canUpload: boolean;
  drawings?: Readonly<Record<string, DrawingState>>;
  hiddenDrawings?: ReadonlySet<string>;
  onToggleDrawing?: (attachmentId: string, shown: boolean) => void;
}) {
  const { t, tx } = usePermitsText();
  const queryClient = useQueryClient();
  const session = useSession();
  const key = attachmentsKey(application.id);
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => listAttachments(application.id, signal),
    retry: false,
  });
  const [file, setFile] = useState<File | null>(null);
  const [purpose, setPurpose] = useState<string>('drawing');
  const [problem, setProblem] = useState<PermitsKey | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadAttachment(application.id, f, purpose, session.data?.csrfToken),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const serverProblem =
    upload.error instanceof ApiRequestError && upload.error.status === 413
      ? t('fileTooLarge')
      : upload.error instanceof ApiRequestError && upload.error.status === 415
        ? t('fileWrongType')
        : upload.error
          ? t('failed', { message: upload.error.message })
          : null;
  return (
    <section className="permits-section" data-testid="permit-attachments">
      <h4>{t('attachments')}</h4>
      {list.data && list.data.length > 0 ? (
        <ul className="permits-files">
          {list.data.map((f) => (
            <li key={f.id}>
              <a href={attachmentPath(application.id, f.id)} download={f.fileName}>
                {f.fileName}
              </a>{' '}
              <small>
                {f.purpose ? tx(`purpose_${f.purpose}`, f.purpose) : ''} · {Math.ceil(f.sizeBytes / 1024)} KiB
              </small>
              {f.mediaType === 'image/vnd.dxf' ? (
                <DrawingLine
                  state={drawings[f.id]}
                  shown={!hiddenDrawings.has(f.id)}
                  onToggle={(shown) => onToggleDrawing?.(f.id, shown)}
                />
              ) : null}
              {f.mediaType === 'image/vnd.dwg' ? (
                <p className="permits-drawing-note" data-testid="permit-dwg-note">
                  {t('dwgNotDrawn')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="permits-muted">{t('noAttachments')}</p>
      )}
      {canUpload ? (
        <form
          className="permits-upload"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            const p = attachmentProblem(file);
            setProblem(p === 'size' ? 'fileTooLarge' : p === 'type' ? 'fileWrongType' : null);
            if (!p) upload.mutate(file);
          }}
        >
          <select value={purpose} onChange={(e) => setPurpose(e.target.value)} aria-label={t('purpose')}>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {tx(`purpose_${p}`, p)}
              </option>
            ))}
          </select>
          <FileButton
            label={t('chooseFile')}
            testId="permit-file"
            accept="application/pdf,image/jpeg,image/png,.dxf,.dwg"
            fileNames={file ? [file.name] : []}
            onFiles={(files) => {
              setProblem(null);
              upload.reset();
              setFile(files[0] ?? null);
            }}
          />
          <button type="submit" disabled={!file || upload.isPending} data-testid="permit-upload">
            {upload.isPending ? t('uploading') : t('upload')}
          </button>
          {problem || serverProblem ? (
            <span className="permits-field-error" data-testid="permit-upload-error">
              {problem ? t(problem) : serverProblem}
            </span>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

/** A DXF attachment's overlay switch and what was read of it. */
function DrawingLine({
  state,
  shown,
  onToggle,
}: {
  state: DrawingState | undefined;
  shown: boolean;
  onToggle: (shown: boolean) => void;
}) {
  const { t, lang } = usePermitsText();
  const status =
    !state || state.status === 'loading'
      ? t('drawingLoading')
      : state.status === 'failed'
        ? t('drawingFailed', { message: state.message })
        : state.count === 0
          ? t('drawingEmpty')
          : [
              t('drawingShown', { count: formatNumber(lang, state.count) }),
              state.skipped > 0 ? t('drawingSkipped', { count: formatNumber(lang, state.skipped) }) : '',
            ]
              .filter(Boolean)
              .join('; ');
  const drawable = state?.status === 'read' && state.count > 0;
  return (
    <div className="permits-drawing-note" data-testid="permit-drawing">
      {drawable ? (
        <label>
          <input
            type="checkbox"
            data-testid="permit-drawing-toggle"
            checked={shown}
            onChange={(e) => onToggle(e.target.checked)}
          />{' '}
          {t('drawingShow')}
        </label>
      ) : null}{' '}
      <span data-testid="permit-drawing-status">{status}</span>
    </div>
  );
}

/** The conversation between the applicant and the reviewers. */
export function CommentsSection({
  application,
  canWrite,
}: {
  application: PermitApplication;
  canWrite: boolean;
}) {
  const { t } = usePermitsText();
  const queryClient = useQueryClient();
  const key = [...permitsKey, 'comments', application.id];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => listComments(application.id, signal),
    retry: false,
  });
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => addComment(application.id, text.trim()),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <section className="permits-section" data-testid="permit-comments">
      <h4>{t('comments')}</h4>
      {list.data && list.data.length > 0 ? (
        <ul className="permits-comments">
          {list.data.map((c) => (
            <li key={c.id} data-testid="permit-comment">
              <small>
                {[c.authorName, c.authorOrgName].filter(Boolean).join(' · ')} {formatDay(c.createdAt, true)}
              </small>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="permits-muted">{t('noComments')}</p>
      )}
      {canWrite ? (
        <form
          className="permits-upload"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) send.mutate();
          }}
        >
          <input
            data-testid="permit-comment-text"
            value={text}
            maxLength={2000}
            placeholder={t('commentPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            type="submit"
            data-testid="permit-comment-send"
            disabled={send.isPending || text.trim() === ''}
          >
            {t('send')}
          </button>
          {send.error ? (
            <span className="permits-field-error">{t('failed', { message: send.error.message })}</span>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

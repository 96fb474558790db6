import { COLOCATION_LABELS, type ColocationRequest, type SessionUser } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FileButton } from '../../components/file-button';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { useSession } from '../auth/use-session';
import {
  attachmentUrl,
  colocationKeys,
  fetchAttachments,
  fetchMessages,
  fetchRent,
  fetchRequest,
  postMessage,
  type RentParams,
  rentQuery,
  uploadAttachment,
} from './colocation-api';
import { useColocationText } from './colocation-i18n';
import { RequestActions } from './request-actions';
import { CapacityBox } from './request-form';
import { DueCell, StatusChip, targetText } from './request-list';

/** What is asked, in words: "4G, 2 antennas at 30 m", "3 attachments", "1 tube over 250 m". */
function askedText(r: ColocationRequest, lang: 'vi' | 'en', t: ReturnType<typeof useColocationText>['t']) {
  const target = r.target;
  const n = (v: number) => formatNumber(lang, v);
  if (target.kind === 'tower')
    return `${target.technology} · ${t('antennaCount')}: ${n(target.antennaCount)} · ${t('mountHeightM')}: ${n(target.mountHeightM)}`;
  if (target.kind === 'pole') return `${t('attachmentCount')}: ${n(target.attachmentCount)}`;
  return `${t('tubes')}: ${n(target.tubes)}${target.lengthM ? ` · ${t('lengthM')}: ${n(target.lengthM)}` : ''} · ${t('ductPath', { count: target.ids.length })}`;
}

const RENT_FIELDS = ['investmentVnd', 'lifeYears', 'omPerYearVnd', 'tenants', 'profitMarginPct'] as const;

/** The cost-based rent suggestion with its formula and every parameter editable. */
function RentSection({
  request,
  onRent,
}: {
  request: ColocationRequest;
  onRent: (vnd: number | null) => void;
}) {
  const { t, lang } = useColocationText();
  const [params, setParams] = useState<RentParams>({});
  const [query, setQuery] = useState('');
  const rent = useQuery({
    queryKey: colocationKeys.rent(request.id, query),
    queryFn: ({ signal }) => fetchRent(request.id, query, signal),
  });
  const data = rent.data;
  useEffect(() => {
    if (data) onRent(data.rentPerYearVnd);
  }, [data, onRent]);
  const vnd = (v: number) => formatMoney(lang, v);
  return (
    <section data-testid="rent-suggestion">
      <h3>{t('rent')}</h3>
      {rent.error ? <p className="field-problem">{t('failed', { message: rent.error.message })}</p> : null}
      {data ? (
        <>
          <dl>
            <dt>{t('rentPerYear')}</dt>
            <dd data-testid="rent-per-year">
              <strong>{vnd(data.rentPerYearVnd)}</strong>
            </dd>
            <dt>{t('rentPerMonth')}</dt>
            <dd>{vnd(data.rentPerMonthVnd)}</dd>
          </dl>
          <p className="formula" data-testid="rent-formula" title={t('formula')}>
            {data.formula[lang]}
          </p>
          <form
            className="rent-params"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery(rentQuery(params));
            }}
          >
            {RENT_FIELDS.map((f) => (
              <label key={f}>
                {t(f)}
                <input
                  name={f}
                  inputMode="decimal"
                  placeholder={String(data.inputs[f])}
                  value={params[f] ?? ''}
                  onChange={(e) => setParams((p) => ({ ...p, [f]: e.target.value }))}
                />
              </label>
            ))}
            <button type="submit" data-testid="rent-recompute">
              {t('recompute')}
            </button>
          </form>
        </>
      ) : rent.isPending ? (
        <p className="colocation-hint">{t('loading')}</p>
      ) : null}
    </section>
  );
}

function Messages({ request }: { request: ColocationRequest }) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const messages = useQuery({
    queryKey: colocationKeys.messages(request.id),
    queryFn: ({ signal }) => fetchMessages(request.id, signal),
  });
  const send = useMutation({
    mutationFn: () => postMessage(request.id, text.trim()),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: colocationKeys.messages(request.id) });
      void queryClient.invalidateQueries({ queryKey: colocationKeys.notifications });
    },
  });
  const list = messages.data ?? [];
  return (
    <section data-testid="request-messages">
      <h3>{t('messages')}</h3>
      {list.length === 0 ? <p className="colocation-hint">{t('noMessages')}</p> : null}
      <ul className="message-list">
        {list.map((m) => (
          <li key={m.id}>
            <div className="meta">
              {m.authorName ?? '–'} · {formatDate(lang, m.createdAt)}
            </div>
            {m.text}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) send.mutate();
        }}
      >
        <input
          type="text"
          name="message"
          placeholder={t('messagePlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={send.isPending || !text.trim()}>
          {t('send')}
        </button>
      </form>
      {send.error ? <p className="field-problem">{t('failed', { message: send.error.message })}</p> : null}
    </section>
  );
}

function Attachments({ request }: { request: ColocationRequest }) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const csrfToken = useSession().data?.csrfToken;
  const files = useQuery({
    queryKey: colocationKeys.attachments(request.id),
    queryFn: ({ signal }) => fetchAttachments(request.id, signal),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(request.id, file, csrfToken),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: colocationKeys.attachments(request.id) }),
  });
  const list = files.data ?? [];
  return (
    <section data-testid="request-attachments">
      <h3>{t('attachments')}</h3>
      {list.length === 0 ? <p className="colocation-hint">{t('noAttachments')}</p> : null}
      <ul className="message-list">
        {list.map((a) => (
          <li key={a.id}>
            <a href={attachmentUrl(request.id, a.id)} target="_blank" rel="noreferrer">
              {a.fileName}
            </a>{' '}
            <span className="meta">
              {formatNumber(lang, a.sizeBytes / 1024, 0)} KiB · {formatDate(lang, a.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      <FileButton
        label={t('upload')}
        accept="application/pdf,image/jpeg,image/png"
        testId="colocation-attachment-file"
        disabled={upload.isPending}
        onFiles={(files) => {
          const file = files[0];
          if (file) upload.mutate(file);
        }}
      />
      {upload.error ? (
        <p className="field-problem">{t('failed', { message: upload.error.message })}</p>
      ) : null}
    </section>
  );
}

/**
 * One request in full: requester → owner, the target and what is asked, the capacity check with
 * its reasons, the answer so far, the steps this user may take, messages, attachments, and the
 * rent suggestion.
 */
export function RequestDetail({
  requestId,
  placeholder,
  user,
  onBack,
  onLoaded,
}: {
  requestId: string;
  placeholder: ColocationRequest | undefined;
  user: SessionUser | null;
  onBack: () => void;
  /** Told the request once loaded (the panel shows the box it belongs to). */
  onLoaded?: (request: ColocationRequest) => void;
}) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const [suggestedRent, setSuggestedRent] = useState<number | null>(null);
  const query = useQuery({
    queryKey: colocationKeys.one(requestId),
    queryFn: ({ signal }) => fetchRequest(requestId, signal),
    placeholderData: placeholder,
  });
  const r = query.data;
  useEffect(() => {
    if (r) onLoaded?.(r);
  }, [r, onLoaded]);
  if (!r)
    return (
      <div>
        <button type="button" className="link" onClick={onBack}>
          {t('back')}
        </button>
        <p className="colocation-hint">
          {query.error ? t('failed', { message: query.error.message }) : t('loading')}
        </p>
      </div>
    );
  return (
    <div
      className="colocation-detail"
      data-testid="request-detail"
      data-request-id={r.id}
      data-status={r.status}
    >
      <button type="button" className="link" data-testid="request-back" onClick={onBack}>
        {t('back')}
      </button>
      <h3 style={{ marginTop: '0.4rem' }}>{targetText(r, lang)}</h3>
      <dl>
        <dt>{t('colRequester')}</dt>
        <dd data-testid="detail-requester">{r.requesterOrgName}</dd>
        <dt>{t('colOwner')}</dt>
        <dd>{r.ownerOrgName}</dd>
        <dt>{t('colStatus')}</dt>
        <dd>
          <StatusChip request={r} lang={lang} />
        </dd>
        <dt>{t('colDue')}</dt>
        <dd>
          <DueCell request={r} lang={lang} t={t} />
        </dd>
        <dt>{t('what')}</dt>
        <dd data-testid="detail-asked">{askedText(r, lang, t)}</dd>
        <dt>{t('justification')}</dt>
        <dd>{r.justification}</dd>
        <dt>{t('desiredStartDate')}</dt>
        <dd>{formatDate(lang, r.desiredStartDate)}</dd>
        <dt>{t('colCreated')}</dt>
        <dd>
          {formatDate(lang, r.submittedAt)} · {COLOCATION_LABELS.source[r.source]?.[lang] ?? r.source}
        </dd>
        {r.infoRequest ? (
          <>
            <dt>{t('requestInfo')}</dt>
            <dd>{r.infoRequest}</dd>
          </>
        ) : null}
        {r.conditions.length > 0 ? (
          <>
            <dt>{t('conditions')}</dt>
            <dd>
              <ul style={{ margin: 0, paddingLeft: '1rem' }}>
                {r.conditions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {r.rejectReason ? (
          <>
            <dt>{t('rejectReason')}</dt>
            <dd>{COLOCATION_LABELS.rejectReason[r.rejectReason][lang]}</dd>
          </>
        ) : null}
        {r.answerNote ? (
          <>
            <dt>{t('note')}</dt>
            <dd>{r.answerNote}</dd>
          </>
        ) : null}
        {r.rentVndPerYear !== null ? (
          <>
            <dt>{t('rentPerYear')}</dt>
            <dd>{formatMoney(lang, r.rentVndPerYear)}</dd>
          </>
        ) : null}
      </dl>
      <CapacityBox check={r.capacityCheck} lang={lang} />
      <RequestActions
        user={user}
        request={r}
        suggestedRentVnd={suggestedRent}
        onChanged={(answer) => queryClient.setQueryData(colocationKeys.one(answer.id), answer)}
      />
      <Messages request={r} />
      <Attachments request={r} />
      <RentSection request={r} onRent={setSuggestedRent} />
    </div>
  );
}

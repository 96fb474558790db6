import { COLOCATION_LABELS, type ColocationRequest } from '@hatang/contracts';
import { formatDate } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { type ColocationKey, useColocationText } from './colocation-i18n';
import { dueState } from './colocation-model';

type T = (key: ColocationKey, params?: Record<string, string | number>) => string;

/** The due date cell: "Overdue by n days" in red, "Due today", "n days left", or "Answered". */
export function DueCell({ request, lang, t }: { request: ColocationRequest; lang: Lang; t: T }) {
  const state = dueState(request.dueOn, request.status === 'submitted', new Date(), request.overdue);
  const date = formatDate(lang, request.dueOn);
  switch (state.kind) {
    case 'answered':
      return <span className="colocation-hint">{date}</span>;
    case 'overdue':
      return (
        <span className="due-overdue" data-testid="due-overdue">
          {date} · {t('overdue', { days: state.days })}
        </span>
      );
    case 'today':
      return <span className="due-today">{t('dueToday')}</span>;
    default:
      return (
        <span>
          {date} · {t('dueIn', { days: state.days })}
        </span>
      );
  }
}

export function StatusChip({ request, lang }: { request: ColocationRequest; lang: Lang }) {
  return (
    <span className="status-chip" data-status={request.status} data-testid="request-status">
      {COLOCATION_LABELS.status[request.status][lang]}
    </span>
  );
}

/** What a request targets, e.g. "Tower HP-T-0012" or "Duct (3 segments)". */
export function targetText(request: ColocationRequest, lang: Lang): string {
  const kind = COLOCATION_LABELS.assetKind[request.assetKind][lang];
  const codes =
    request.assetCodes.length > 3
      ? `${request.assetCodes.slice(0, 2).join(', ')} … (${request.assetCodes.length})`
      : request.assetCodes.join(', ');
  return `${kind} ${codes}`.trim();
}

/**
 * A list of requests: the counterpart (owner for outgoing, requester for incoming, both for all),
 * the target, status and deadline; overdue rows highlighted; a click opens the request.
 */
export function RequestList({
  requests,
  side,
  onOpen,
  testId,
}: {
  requests: readonly ColocationRequest[];
  side: 'outgoing' | 'incoming' | 'all';
  onOpen: (request: ColocationRequest) => void;
  testId: string;
}) {
  const { t, lang } = useColocationText();
  if (requests.length === 0)
    return (
      <p className="colocation-hint" data-testid={testId}>
        {t('empty')}
      </p>
    );
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t('colTarget')}</th>
          {side !== 'outgoing' ? <th>{t('colRequester')}</th> : null}
          {side !== 'incoming' ? <th>{t('colOwner')}</th> : null}
          <th>{t('colStatus')}</th>
          <th>{t('colDue')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr
            key={r.id}
            className={`request-row${r.overdue ? ' overdue' : ''}`}
            data-testid="request-row"
            data-request-id={r.id}
            data-overdue={r.overdue}
            tabIndex={0}
            onClick={() => onOpen(r)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onOpen(r);
            }}
          >
            <td>{targetText(r, lang)}</td>
            {side !== 'outgoing' ? <td>{r.requesterOrgName}</td> : null}
            {side !== 'incoming' ? <td>{r.ownerOrgName}</td> : null}
            <td>
              <StatusChip request={r} lang={lang} />
            </td>
            <td>
              <DueCell request={r} lang={lang} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

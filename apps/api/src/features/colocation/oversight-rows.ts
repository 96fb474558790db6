/** The oversight table: per owner organisation, how it answers co-location requests. */
import type { ColocationStatus, OversightRow } from '@hatang/contracts';
import type { CsvColumn } from '../../http/downloads.js';
import { isOverdue, today } from './request-repository.js';

const ANSWERED: ColocationStatus[] = ['accepted', 'accepted_with_conditions', 'rejected'];
const ACCEPTED: ColocationStatus[] = ['accepted', 'accepted_with_conditions'];

export interface OversightFact {
  ownerOrgId: string;
  ownerOrgName: string;
  status: ColocationStatus;
  dueOn: string;
  /** Calendar days from filing to the answer (answered requests). */
  daysToAnswer: number | null;
}

const median = (values: number[]) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
};

/** Per owner organisation: received, answered, pending, median days to answer, acceptance rate, overdue. */
export function oversightRows(facts: OversightFact[], on = today()): OversightRow[] {
  const byOwner = new Map<string, OversightFact[]>();
  for (const f of facts) byOwner.set(f.ownerOrgId, [...(byOwner.get(f.ownerOrgId) ?? []), f]);
  return [...byOwner.values()]
    .map((list) => {
      const answered = list.filter((f) => ANSWERED.includes(f.status));
      const accepted = answered.filter((f) => ACCEPTED.includes(f.status));
      const first = list[0] as OversightFact;
      return {
        ownerOrgId: first.ownerOrgId,
        ownerOrgName: first.ownerOrgName,
        received: list.length,
        answered: answered.length,
        pending: list.filter((f) => f.status === 'submitted' || f.status === 'info_requested').length,
        medianDaysToAnswer: median(
          answered.flatMap((f) => (f.daysToAnswer === null ? [] : [f.daysToAnswer])),
        ),
        acceptanceRate: answered.length
          ? Math.round((1000 * accepted.length) / answered.length) / 1000
          : null,
        overdue: list.filter((f) => isOverdue(f, on)).length,
      };
    })
    .sort((a, b) => b.received - a.received || a.ownerOrgName.localeCompare(b.ownerOrgName));
}

export const OVERSIGHT_CSV_COLUMNS: CsvColumn<OversightRow>[] = [
  { header: 'Mã đơn vị / Owner id', value: (r) => r.ownerOrgId },
  { header: 'Chủ sở hữu / Owner', value: (r) => r.ownerOrgName },
  { header: 'Đã nhận / Received', value: (r) => r.received },
  { header: 'Đã trả lời / Answered', value: (r) => r.answered },
  { header: 'Đang chờ / Pending', value: (r) => r.pending },
  { header: 'Trung vị ngày trả lời / Median days to answer', value: (r) => r.medianDaysToAnswer },
  { header: 'Tỷ lệ chấp thuận / Acceptance rate', value: (r) => r.acceptanceRate },
  { header: 'Quá hạn / Overdue', value: (r) => r.overdue },
];

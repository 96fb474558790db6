/**
 * The co-location panel's logic without React: a launch's prefill and the form → the request
 * bodies the API takes, the due date as the lists show it, the oversight table's rows.
 */
import {
  COLOCATION_TRANSITIONS,
  type ColocationAction,
  type ColocationRequest,
  type ColocationRequestCreate,
  type OversightRow as OwnerFigures,
  type SessionUser,
} from '@hatang/contracts';
import { parseNumberText } from '../../lib/format';
import type { ColocationPrefill } from './colocation-launcher';

export type Technology = '2G' | '3G' | '4G' | '5G';
export type { OwnerFigures };
export const TECHNOLOGIES: readonly Technology[] = ['2G', '3G', '4G', '5G'];

/** What the form holds, as typed (numbers as text, so a half-typed "1," is kept). */
export interface RequestFormState {
  technology: Technology;
  antennaCount: string;
  /** Metres above ground. */
  mountHeightM: string;
  attachmentCount: string;
  tubes: string;
  /** Metres; for a duct path, the length to occupy in all. */
  lengthM: string;
  justification: string;
  /** `YYYY-MM-DD`. */
  desiredStartDate: string;
}

/** `YYYY-MM-DD` of `date` (UTC). */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** The form for `prefill`: its technology and justification, 4G, one antenna at 30 m, start in 30 days. */
export function initialForm(prefill: ColocationPrefill | null, today: Date): RequestFormState {
  const ducts = prefill?.targets.filter((x) => x.kind === 'duct') ?? [];
  const ductLengthM = ducts.reduce((sum, d) => sum + (d.lengthM ?? 0), 0);
  return {
    technology: prefill?.technology ?? '4G',
    antennaCount: '1',
    mountHeightM: '30',
    attachmentCount: '1',
    tubes: '1',
    lengthM: ductLengthM > 0 ? String(Math.round(ductLengthM)) : '',
    justification: prefill?.justification ?? '',
    desiredStartDate: isoDate(new Date(today.getTime() + 30 * 86_400_000)),
  };
}

/** A field the form cannot send as typed, keyed by the form field. */
export interface FormProblem {
  field: keyof RequestFormState | 'targets';
  message: { vi: string; en: string };
}

function positiveInteger(text: string, field: keyof RequestFormState, problems: FormProblem[]): number {
  const value = parseNumberText(text);
  if (!Number.isInteger(value) || value < 1) {
    problems.push({ field, message: { vi: 'phải là số nguyên ≥ 1', en: 'must be a whole number ≥ 1' } });
  }
  return value;
}

function positiveNumber(text: string, field: keyof RequestFormState, problems: FormProblem[]): number {
  const value = parseNumberText(text);
  if (!Number.isFinite(value) || value <= 0) {
    problems.push({ field, message: { vi: 'phải là số > 0', en: 'must be a number > 0' } });
  }
  return value;
}

/**
 * The request bodies (`POST /api/v1/colocation-requests`) for the prefill's targets and the form:
 * one per tower, one per pole, and one per owner for the duct segments (the API takes a path of
 * one owner's segments). `problems` lists what must be fixed first (then `bodies` is empty).
 */
export function requestBodies(
  prefill: Pick<ColocationPrefill, 'targets' | 'source'>,
  form: RequestFormState,
): { bodies: ColocationRequestCreate[]; problems: FormProblem[] } {
  const { targets } = prefill;
  const problems: FormProblem[] = [];
  if (targets.length === 0)
    problems.push({ field: 'targets', message: { vi: 'chưa chọn tài sản', en: 'no asset chosen' } });
  const justification = form.justification.trim();
  if (!justification)
    problems.push({ field: 'justification', message: { vi: 'hãy nêu lý do', en: 'say why' } });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.desiredStartDate))
    problems.push({ field: 'desiredStartDate', message: { vi: 'chọn một ngày', en: 'pick a date' } });
  const common = {
    justification,
    desiredStartDate: form.desiredStartDate,
    source: prefill.source ?? 'map',
  } as const;
  const bodies: ColocationRequestCreate[] = [];
  const towers = targets.filter((x) => x.kind === 'tower');
  const poles = targets.filter((x) => x.kind === 'pole');
  const ducts = targets.filter((x) => x.kind === 'duct');
  if (towers.length > 0) {
    const antennaCount = positiveInteger(form.antennaCount, 'antennaCount', problems);
    const mountHeightM = positiveNumber(form.mountHeightM, 'mountHeightM', problems);
    for (const t of towers)
      bodies.push({
        target: { kind: 'tower', id: t.id, technology: form.technology, antennaCount, mountHeightM },
        ...common,
      });
  }
  if (poles.length > 0) {
    const attachmentCount = positiveInteger(form.attachmentCount, 'attachmentCount', problems);
    for (const p of poles) bodies.push({ target: { kind: 'pole', id: p.id, attachmentCount }, ...common });
  }
  if (ducts.length > 0) {
    const tubes = positiveInteger(form.tubes, 'tubes', problems);
    const byOwner = new Map<string, { ids: string[]; lengthM: number }>();
    for (const d of ducts) {
      const group = byOwner.get(d.ownerOrgId ?? '') ?? { ids: [], lengthM: 0 };
      if (!group.ids.includes(d.id)) {
        group.ids.push(d.id);
        group.lengthM += d.lengthM ?? 0;
      }
      byOwner.set(d.ownerOrgId ?? '', group);
    }
    // One owner: the length typed (or none: the API takes the segments' length); several: each
    // path's own length from the launch.
    const typed = form.lengthM.trim() === '' ? undefined : positiveNumber(form.lengthM, 'lengthM', problems);
    for (const group of byOwner.values()) {
      const lengthM = byOwner.size === 1 ? typed : group.lengthM > 0 ? group.lengthM : undefined;
      bodies.push({
        target: { kind: 'duct', ids: group.ids, tubes, ...(lengthM === undefined ? {} : { lengthM }) },
        ...common,
      });
    }
  }
  return problems.length > 0 ? { bodies: [], problems } : { bodies, problems };
}

/** How a request's answer deadline reads in a list. */
export type DueState =
  | { kind: 'answered' }
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'left'; days: number };

const dayNumber = (iso: string): number => Math.floor(Date.parse(iso.slice(0, 10)) / 86_400_000);

/**
 * The deadline of a request due on `dueDate` (`YYYY-MM-DD` or a timestamp) as of `today`: answered
 * once the request is no longer waiting for the owner; otherwise overdue by n calendar days, due
 * today, or n calendar days left. `serverOverdue` (the API's flag) wins over the date arithmetic.
 */
export function dueState(
  dueDate: string | null | undefined,
  isWaitingForOwner: boolean,
  today: Date,
  serverOverdue?: boolean,
): DueState {
  if (!isWaitingForOwner || !dueDate) return { kind: 'answered' };
  const days = dayNumber(dueDate) - dayNumber(isoDate(today));
  if (days < 0 || serverOverdue) return { kind: 'overdue', days: Math.max(0, -days) };
  return days === 0 ? { kind: 'today' } : { kind: 'left', days };
}

/** A row of the oversight table, ready to show (acceptance rate in percent, one decimal). */
export interface OversightRow {
  key: string;
  owner: string;
  received: number;
  answered: number;
  pending: number;
  overdue: number;
  medianDays: number | null;
  acceptancePercent: number | null;
  isTotal: boolean;
}

const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
/** Accepted requests of an owner (the API gives the rate over answered ones). */
const acceptedOf = (o: OwnerFigures): number => Math.round((o.acceptanceRate ?? 0) * o.answered);

/**
 * The oversight table: owners with the most overdue first, then by requests received, then by
 * name; acceptance in percent; a last row totals the counts (its median is
 * not the median of medians, so it is left empty).
 */
export function oversightRows(
  owners: readonly OwnerFigures[],
  names: ReadonlyMap<string, string>,
  totalLabel: string,
): OversightRow[] {
  const rows = owners
    .map(
      (o): OversightRow => ({
        key: o.ownerOrgId,
        owner: names.get(o.ownerOrgId) ?? o.ownerOrgName ?? o.ownerOrgId,
        received: o.received,
        answered: o.answered,
        pending: o.pending,
        overdue: o.overdue,
        medianDays: o.medianDaysToAnswer,
        acceptancePercent: o.acceptanceRate === null ? null : Math.round(o.acceptanceRate * 1000) / 10,
        isTotal: false,
      }),
    )
    .sort((a, b) => b.overdue - a.overdue || b.received - a.received || a.owner.localeCompare(b.owner, 'vi'));
  const sum = (pick: (o: OwnerFigures) => number) => owners.reduce((s, o) => s + pick(o), 0);
  rows.push({
    key: 'total',
    owner: totalLabel,
    received: sum((o) => o.received),
    answered: sum((o) => o.answered),
    pending: sum((o) => o.pending),
    overdue: sum((o) => o.overdue),
    medianDays: null,
    acceptancePercent: percent(
      sum(acceptedOf),
      sum((o) => o.answered),
    ),
    isTotal: true,
  });
  return rows;
}

/** The steps `user` may take on `request` now (the server's state machine and party rules). */
export function allowedActions(
  user: Pick<SessionUser, 'orgId' | 'roles'> | null,
  request: Pick<ColocationRequest, 'status' | 'ownerOrgId' | 'requesterOrgId'>,
): ColocationAction[] {
  if (!user) return [];
  const admin = user.roles.includes('admin');
  const editor = user.roles.includes('operator_editor');
  return (Object.keys(COLOCATION_TRANSITIONS) as ColocationAction[]).filter((action) => {
    const rule = COLOCATION_TRANSITIONS[action];
    if (!rule.from.includes(request.status)) return false;
    if (admin) return true;
    const partyOrg = rule.party === 'owner' ? request.ownerOrgId : request.requesterOrgId;
    return editor && user.orgId === partyOrg;
  });
}

export type ColocationTab = 'outgoing' | 'inbox' | 'all' | 'new' | 'oversight';

/** The panel's tabs for `user`: operators their boxes (editors a new request), planners all and oversight. */
export function tabsFor(user: Pick<SessionUser, 'roles'> | null): ColocationTab[] {
  if (!user) return [];
  const roles = new Set<string>(user.roles);
  const tabs: ColocationTab[] = [];
  if (roles.has('operator_editor') || roles.has('operator_viewer')) tabs.push('outgoing', 'inbox');
  if (roles.has('operator_editor')) tabs.push('new');
  if (roles.has('planner') || roles.has('admin')) tabs.push('all', 'oversight');
  return tabs;
}

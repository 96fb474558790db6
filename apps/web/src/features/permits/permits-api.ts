/**
 * Answers of the permit API (apps/api/src/routes/permits.ts) as the panel reads them, and the
 * calls. Geometry WGS 84 `[lng, lat]`; heights and distances in metres.
 */
import type {
  PermitApplicationCreate,
  PermitCheckResult,
  PermitDecision,
  PermitKind,
  PermitStatus,
} from '@hatang/contracts';
import { ApiRequestError, getJson, isRecord, sendForm, sendJson } from '../../lib/api-client';

export type LngLat = [number, number];

export interface CheckGeometry {
  type: 'Point' | 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

/** One automatic check's stored result, with the geometry that proves it (if any). */
export interface PermitCheck {
  check: string;
  result: PermitCheckResult;
  reason: { vi: string; en: string };
  geometry?: CheckGeometry;
}

export interface PermitApplication {
  id: string;
  kind: PermitKind;
  status: PermitStatus;
  applicantOrgId: string;
  adminUnitCode: string | null;
  title: string;
  details: Record<string, unknown>;
  justification: string | null;
  reviewNote: string | null;
  conditions: string[];
  checks: PermitCheck[] | null;
  checkedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  geometry: { type: 'Point'; coordinates: LngLat } | { type: 'LineString'; coordinates: LngLat[] };
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Added by the review backend as it lands: the decision's number, e.g. `0012/GPXD-SXD`. */
  decisionNumber?: string | null;
  /** Queue fields: calendar days since submission, when the statutory period ends, whether past it. */
  daysElapsed?: number | null;
  dueAt?: string | null;
  overdue?: boolean | null;
  /** The statutory period the queue fields count against, days. */
  statutoryPeriodDays?: number | null;
  /** The asset created on approval (status under_construction), linked to the permit. */
  asset?: { resource: string; id: string; ids?: string[] } | null;
}

export interface AttachmentInfo {
  id: string;
  purpose: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface PermitComment {
  id: string;
  text: string;
  createdAt: string;
  authorName?: string | null;
  authorOrgName?: string | null;
  createdBy?: string | null;
}

export interface ListFilter {
  status?: PermitStatus | '';
  kind?: PermitKind | '';
  adminUnitCode?: string;
  overdue?: boolean;
  /** `oldest`: submitted first (the reviewers' queue). */
  sort?: 'oldest' | 'newest';
}

const BASE = '/api/v1/permit-applications';

export function listPath(filter: ListFilter): string {
  const params = new URLSearchParams({ limit: '200' });
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.adminUnitCode) {
    params.set('adminUnitCode', filter.adminUnitCode);
    // The first version of the route named the filter `commune`.
    params.set('commune', filter.adminUnitCode);
  }
  if (filter.overdue) params.set('overdue', 'true');
  if (filter.sort) params.set('sort', filter.sort);
  return `${BASE}?${params}`;
}

export async function listApplications(filter: ListFilter, signal?: AbortSignal) {
  const url = listPath(filter);
  const body = await getJson(url, signal);
  if (!isRecord(body) || !Array.isArray(body.items))
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a list', url);
  return body.items as PermitApplication[];
}

export const getApplication = (id: string, signal?: AbortSignal) =>
  getJson(`${BASE}/${id}`, signal) as Promise<PermitApplication>;

export const createApplication = (body: PermitApplicationCreate) =>
  sendJson('POST', BASE, body) as Promise<PermitApplication>;

export const patchApplication = (a: PermitApplication, body: Record<string, unknown>) =>
  sendJson('PATCH', `${BASE}/${a.id}`, body, { ifMatch: a.version }) as Promise<PermitApplication>;

export type Step = 'submit' | 'withdraw' | 'checks';
export const stepApplication = (a: PermitApplication, step: Step) =>
  sendJson('POST', `${BASE}/${a.id}/${step}`, undefined, {
    ifMatch: step === 'checks' ? undefined : a.version,
  }) as Promise<PermitApplication>;

export const requestInfo = (a: PermitApplication, reason: string) =>
  sendJson(
    'POST',
    `${BASE}/${a.id}/request-info`,
    { reason },
    { ifMatch: a.version },
  ) as Promise<PermitApplication>;

export const decide = (a: PermitApplication, decision: PermitDecision) =>
  sendJson('POST', `${BASE}/${a.id}/decision`, decision, {
    ifMatch: a.version,
  }) as Promise<PermitApplication>;

/** The checks' current configuration (`GET /permit-check-config`); only the parts the panel draws. */
export interface CheckConfigAnswer {
  version: number;
  params: {
    airport?: {
      referencePoint: LngLat;
      runwayThresholds?: [LngLat, LngLat] | null;
      innerRadiusM: number;
      conicalOuterRadiusM: number;
    };
  };
}
export const getCheckConfig = (signal?: AbortSignal) =>
  getJson('/api/v1/permit-check-config', signal) as Promise<CheckConfigAnswer>;

export const decisionPdfPath = (id: string) => `${BASE}/${id}/decision.pdf`;
export const attachmentPath = (id: string, attachmentId: string) =>
  `${BASE}/${id}/attachments/${attachmentId}`;

const itemsOf = <T>(body: unknown): T[] =>
  Array.isArray(body)
    ? (body as T[])
    : isRecord(body) && Array.isArray(body.items)
      ? (body.items as T[])
      : [];

export const listAttachments = async (id: string, signal?: AbortSignal) =>
  itemsOf<AttachmentInfo>(await getJson(`${BASE}/${id}/attachments`, signal));

export const listComments = async (id: string, signal?: AbortSignal) =>
  itemsOf<PermitComment>(await getJson(`${BASE}/${id}/comments`, signal));

export const addComment = (id: string, text: string) =>
  sendJson('POST', `${BASE}/${id}/comments`, { text }) as Promise<PermitComment>;

/** Uploads one attachment as multipart (`file` + `purpose`) with the session's CSRF token. */
export async function uploadAttachment(
  id: string,
  file: File,
  purpose: string,
  csrfToken: string | undefined,
): Promise<AttachmentInfo> {
  const form = new FormData();
  form.set('file', file);
  form.set('purpose', purpose);
  return (await sendForm(`${BASE}/${id}/attachments`, form, { csrfToken })) as AttachmentInfo;
}

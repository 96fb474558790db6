/**
 * The permit API's calls as the panel makes them, typed by the endpoints in
 * @hatang/contracts (permit-endpoints.ts). Geometry WGS 84 `[lng, lat]`; heights and distances
 * in metres.
 */
import {
  type AttachmentInfoBody,
  attachmentInfo,
  type DxfDrawing,
  type PermitApplicationCreate,
  type PermitApplicationView,
  type PermitCheckConfigVersion,
  type PermitCheckOutcome,
  type PermitCommentBody,
  type PermitDecision,
  type PermitKind,
  type PermitStatus,
  pathOf,
  permitAttachmentEndpoints,
  permitEndpoints,
} from '@hatang/contracts';
import { ApiRequestError, sendForm } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

/** `[lng, lat]`, WGS 84. */
export type LngLat = [number, number];

/** One automatic check's stored result, with the geometry that proves it (if any). */
export type PermitCheck = PermitCheckOutcome;
export type CheckGeometry = NonNullable<PermitCheck['geometry']>;

/** Fields the panel does without: a new draft's answer has no statutory clock, staff-only ones may be null. */
type Optional =
  | 'siteOfferId'
  | 'decidedBy'
  | 'createdBy'
  | 'decisionNumber'
  | 'asset'
  | 'checkConfigVersion'
  | 'daysElapsed'
  | 'dueAt'
  | 'overdue'
  | 'statutoryPeriodDays';
/** An application as the panel reads it (the API's answer, with its statutory clock when it has one). */
export type PermitApplication = Omit<PermitApplicationView, Optional> &
  Partial<Pick<PermitApplicationView, Optional>>;

export type AttachmentInfo = AttachmentInfoBody;
export type PermitComment = PermitCommentBody;
/** The checks' current configuration (`GET /permit-check-config`). */
export type CheckConfigAnswer = PermitCheckConfigVersion;

export interface ListFilter {
  status?: PermitStatus | '';
  kind?: PermitKind | '';
  adminUnitCode?: string;
  overdue?: boolean;
  /** `oldest`: submitted first (the reviewers' queue). */
  sort?: 'oldest' | 'newest';
}

export async function listApplications(
  filter: ListFilter,
  signal?: AbortSignal,
): Promise<PermitApplication[]> {
  const answer = await callEndpoint(
    permitEndpoints.listPermitApplications,
    {
      query: {
        limit: 200,
        status: filter.status || undefined,
        kind: filter.kind || undefined,
        adminUnitCode: filter.adminUnitCode || undefined,
        // The first version of the route named the filter `commune`.
        commune: filter.adminUnitCode || undefined,
        overdue: filter.overdue ? 'true' : undefined,
        sort: filter.sort,
      },
    },
    { signal },
  );
  return answer.items;
}

export const getApplication = (id: string, signal?: AbortSignal): Promise<PermitApplication> =>
  callEndpoint(permitEndpoints.getPermitApplication, { params: { id } }, { signal });

export const createApplication = (body: PermitApplicationCreate): Promise<PermitApplication> =>
  callEndpoint(permitEndpoints.createPermitApplication, { body });

export const patchApplication = (
  a: PermitApplication,
  body: Record<string, unknown>,
): Promise<PermitApplication> =>
  callEndpoint(
    permitEndpoints.updatePermitApplication,
    { params: { id: a.id }, body },
    { ifMatch: a.version },
  );

export type Step = 'submit' | 'withdraw' | 'checks';
const STEPS = {
  submit: permitEndpoints.submitPermitApplication,
  withdraw: permitEndpoints.withdrawPermitApplication,
  checks: permitEndpoints.runPermitChecks,
} as const;
export const stepApplication = (a: PermitApplication, step: Step): Promise<PermitApplication> =>
  callEndpoint(STEPS[step], { params: { id: a.id } }, { ifMatch: step === 'checks' ? undefined : a.version });

export const requestInfo = (a: PermitApplication, reason: string): Promise<PermitApplication> =>
  callEndpoint(
    permitEndpoints.requestPermitInfo,
    { params: { id: a.id }, body: { reason } },
    { ifMatch: a.version },
  );

export const decide = (a: PermitApplication, decision: PermitDecision): Promise<PermitApplication> =>
  callEndpoint(
    permitEndpoints.decidePermitApplication,
    { params: { id: a.id }, body: decision },
    { ifMatch: a.version },
  );

export const getCheckConfig = (signal?: AbortSignal): Promise<CheckConfigAnswer> =>
  callEndpoint(permitEndpoints.getPermitCheckConfig, {}, { signal });

export const decisionPdfPath = (id: string) => pathOf(permitEndpoints.permitDecisionDocument, { id });
export const attachmentPath = (id: string, attachmentId: string) =>
  pathOf(permitAttachmentEndpoints.download, { id, attachmentId });

/** The works as a DXF drawing (VN-2000 TM-3 Hải Phòng, metres) for CAD users. */
export const worksDxfPath = (id: string) => pathOf(permitEndpoints.permitWorksDxf, { id });

/** An attached DXF's entities in WGS 84 for the map (422 for a DWG or a binary DXF). */
export const getDrawing = (id: string, attachmentId: string, signal?: AbortSignal): Promise<DxfDrawing> =>
  callEndpoint(permitEndpoints.permitAttachmentDrawing, { params: { id, attachmentId } }, { signal });

export const listAttachments = async (id: string, signal?: AbortSignal): Promise<AttachmentInfo[]> =>
  (await callEndpoint(permitAttachmentEndpoints.list, { params: { id } }, { signal })).items;

export const listComments = async (id: string, signal?: AbortSignal): Promise<PermitComment[]> =>
  (await callEndpoint(permitEndpoints.listPermitComments, { params: { id } }, { signal })).items;

export const addComment = (id: string, text: string): Promise<PermitComment> =>
  callEndpoint(permitEndpoints.addPermitComment, { params: { id }, body: { text } });

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
  const path = pathOf(permitAttachmentEndpoints.upload, { id });
  const parsed = attachmentInfo.safeParse(await sendForm(path, form, { csrfToken }));
  if (!parsed.success)
    throw new ApiRequestError(201, 'BAD_RESPONSE', `the server's answer is not what ${path} declares`, path);
  return parsed.data;
}

/**
 * Calls of the violations API (packages/contracts violation-endpoints.ts) as the panel makes
 * them, typed by the contract. Geometry WGS 84 `[lng, lat]`.
 */
import {
  type AttachmentInfoBody,
  attachmentInfo,
  violationEndpoints as endpoints,
  type HistoryEntry,
  pathOf,
  type ViolationAction,
  type ViolationCollection,
  type ViolationCreate,
  type ViolationFeature,
  type ViolationPatch,
  type ViolationStatus,
  violationStatus,
} from '@hatang/contracts';
import { ApiRequestError, isRecord, sendForm } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

export type { ViolationCollection };

export type LngLat = [number, number];

export type ViolationAttachment = AttachmentInfoBody;

/** A history entry, with the status and note of the violation after the change (when known). */
export type ViolationHistoryEntry = Omit<HistoryEntry, 'before' | 'after'> & {
  after: { properties?: { status?: ViolationStatus; statusNote?: string | null } } | null;
};

export interface ListFilter {
  adminUnitCode?: string;
  status?: ViolationStatus;
}

export const listViolations = (filter: ListFilter, signal?: AbortSignal): Promise<ViolationCollection> =>
  callEndpoint(
    endpoints.listViolations,
    { query: { limit: 2000, adminUnitCode: filter.adminUnitCode, status: filter.status } },
    { signal },
  );

export const getViolation = (id: string, signal?: AbortSignal): Promise<ViolationFeature> =>
  callEndpoint(endpoints.getViolation, { params: { id } }, { signal });

export const createViolation = (body: ViolationCreate): Promise<ViolationFeature> =>
  callEndpoint(endpoints.createViolation, { body });

export const patchViolation = (v: ViolationFeature, body: ViolationPatch): Promise<ViolationFeature> =>
  callEndpoint(endpoints.updateViolation, { params: { id: v.id }, body }, { ifMatch: v.properties.version });

const TRANSITIONS = {
  notify: endpoints.notifyViolation,
  resolve: endpoints.resolveViolation,
  escalate: endpoints.escalateViolation,
} satisfies Record<ViolationAction, unknown>;

export const stepViolation = (
  v: ViolationFeature,
  action: ViolationAction,
  note: string,
): Promise<ViolationFeature> =>
  callEndpoint(
    TRANSITIONS[action],
    { params: { id: v.id }, body: note.trim() ? { note: note.trim() } : {} },
    { ifMatch: v.properties.version },
  );

/** The status and note a history entry's `after` (the stored violation) carries. */
function statusAfter(after: unknown): ViolationHistoryEntry['after'] {
  if (!isRecord(after) || !isRecord(after.properties)) return null;
  const { status, statusNote } = after.properties;
  const parsed = violationStatus.safeParse(status);
  return {
    properties: {
      status: parsed.success ? parsed.data : undefined,
      statusNote: typeof statusNote === 'string' ? statusNote : null,
    },
  };
}

export async function listHistory(id: string, signal?: AbortSignal): Promise<ViolationHistoryEntry[]> {
  const { items } = await callEndpoint(endpoints.violationHistory, { params: { id } }, { signal });
  return items.map(({ before: _before, after, ...entry }) => ({ ...entry, after: statusAfter(after) }));
}

export const listPhotos = async (id: string, signal?: AbortSignal): Promise<ViolationAttachment[]> =>
  (await callEndpoint(endpoints.attachments.list, { params: { id } }, { signal })).items;

export const photoPath = (id: string, attachmentId: string) =>
  pathOf(endpoints.attachments.download, { id, attachmentId });

/** Uploads one photo as multipart (`file` + purpose `photo`) with the session's CSRF token. */
export async function uploadPhoto(
  id: string,
  file: File,
  csrfToken: string | undefined,
): Promise<ViolationAttachment> {
  const form = new FormData();
  form.set('file', file);
  form.set('purpose', 'photo');
  const path = pathOf(endpoints.attachments.upload, { id });
  const parsed = attachmentInfo.safeParse(await sendForm(path, form, { csrfToken }));
  if (!parsed.success)
    throw new ApiRequestError(200, 'BAD_RESPONSE', `the server's answer is not what ${path} declares`, path);
  return parsed.data;
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

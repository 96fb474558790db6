/**
 * Calls of the violations API (apps/api/src/routes/violations.ts) as the panel makes them.
 * Geometry WGS 84 `[lng, lat]`.
 */
import type {
  ViolationAction,
  ViolationCreate,
  ViolationFeature,
  ViolationPatch,
  ViolationStatus,
} from '@hatang/contracts';
import { ApiRequestError, getJson, isRecord, sendForm, sendJson } from '../../lib/api-client';

const BASE = '/api/v1/violations';

export type LngLat = [number, number];

export interface ViolationCollection {
  type: 'FeatureCollection';
  features: ViolationFeature[];
}

export interface ViolationAttachment {
  id: string;
  purpose: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: string;
}

export interface ViolationHistoryEntry {
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore';
  at: string;
  actor: { userId: string; displayName: string | null } | null;
  after: { properties?: { status?: ViolationStatus; statusNote?: string | null } } | null;
}

export interface ListFilter {
  adminUnitCode?: string;
  status?: ViolationStatus;
}

export async function listViolations(filter: ListFilter, signal?: AbortSignal): Promise<ViolationCollection> {
  const params = new URLSearchParams({ limit: '2000' });
  if (filter.adminUnitCode) params.set('adminUnitCode', filter.adminUnitCode);
  if (filter.status) params.set('status', filter.status);
  const body = await getJson(`${BASE}?${params}`, signal);
  if (!isRecord(body) || !Array.isArray(body.features))
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a FeatureCollection', BASE);
  return body as unknown as ViolationCollection;
}

export const getViolation = (id: string, signal?: AbortSignal) =>
  getJson(`${BASE}/${id}`, signal) as Promise<ViolationFeature>;

export const createViolation = (body: ViolationCreate) =>
  sendJson('POST', BASE, body) as Promise<ViolationFeature>;

export const patchViolation = (v: ViolationFeature, body: ViolationPatch) =>
  sendJson('PATCH', `${BASE}/${v.id}`, body, { ifMatch: v.properties.version }) as Promise<ViolationFeature>;

export const stepViolation = (v: ViolationFeature, action: ViolationAction, note: string) =>
  sendJson('POST', `${BASE}/${v.id}/${action}`, note.trim() ? { note: note.trim() } : {}, {
    ifMatch: v.properties.version,
  }) as Promise<ViolationFeature>;

const itemsOf = <T>(body: unknown): T[] =>
  isRecord(body) && Array.isArray(body.items) ? (body.items as T[]) : [];

export const listHistory = async (id: string, signal?: AbortSignal) =>
  itemsOf<ViolationHistoryEntry>(await getJson(`${BASE}/${id}/history`, signal));

export const listPhotos = async (id: string, signal?: AbortSignal) =>
  itemsOf<ViolationAttachment>(await getJson(`${BASE}/${id}/attachments`, signal));

export const photoPath = (id: string, attachmentId: string) => `${BASE}/${id}/attachments/${attachmentId}`;

/** Uploads one photo as multipart (`file` + purpose `photo`) with the session's CSRF token. */
export async function uploadPhoto(
  id: string,
  file: File,
  csrfToken: string | undefined,
): Promise<ViolationAttachment> {
  const form = new FormData();
  form.set('file', file);
  form.set('purpose', 'photo');
  return (await sendForm(`${BASE}/${id}/attachments`, form, { csrfToken })) as ViolationAttachment;
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

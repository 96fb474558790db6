import type { Geometry } from 'geojson';
import { ApiRequestError, getJson, isRecord, sendJson } from '../../lib/api-client';

/** Formats the API reads, told apart by the file's extension (and first bytes on the server). */
export type ImportFormat = 'geojson' | 'csv' | 'shapefile' | 'kml' | 'kmz' | 'gpkg';

/** property → source field name, or `{ value }`: the same constant for every row. */
export type FieldMapping = Record<string, string | { value: string | number | boolean | null }>;

export interface ImportIssue {
  /** 1-based row in file order. */
  row: number;
  /** Contract property (camelCase), or `geometry`. */
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  invalidSkipped: number;
}

/** GET /api/v1/imports/:id (also the answer of POST, PATCH and commit). */
export interface ImportView {
  id: string;
  resource: string;
  format: ImportFormat;
  fileName: string | null;
  status: 'parsing' | 'ready' | 'failed' | 'committed';
  requestedCrs: string | null;
  detectedCrs: string | null;
  crs: string | null;
  fields: string[];
  mapping: FieldMapping;
  duplicates: 'update' | 'skip';
  validRowsOnly: boolean;
  rowsParsed: number;
  rowsInvalid: number;
  error: { code: string; message: string } | null;
  result: ImportResult | null;
  progress: { fraction: number; bytesRead: number; bytesTotal: number; rowsParsed: number };
  issueCount: number;
  /** The first problems; the whole list is report.csv. */
  issues: ImportIssue[];
  /** The first rows, geometry in WGS 84 `[lng, lat]`, properties as the mapping makes them (null: bad row). */
  preview: {
    row: number;
    geometry: Geometry | null;
    source: Record<string, unknown>;
    properties: Record<string, unknown> | null;
  }[];
}

export interface UploadRequest {
  file: File;
  resource: string;
  /** EPSG code, or undefined to take it from the file (.prj, GeoPackage, KML = WGS 84). */
  crs: string | undefined;
  /** CSV only: the coordinate columns (X = easting or longitude, Y = northing or latitude). */
  columns: { x: string; y: string } | undefined;
  csrfToken: string | null;
}

const asView = (body: unknown, url: string): ImportView => {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.status !== 'string')
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer an import', url);
  return body as unknown as ImportView;
};

/** The API's error shape `{ error: { code, message, details } }` of an XHR answer. */
function xhrError(xhr: XMLHttpRequest, url: string): ApiRequestError {
  let body: unknown = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // A proxy's HTML page or nothing: the status line says enough.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const details = Array.isArray(error?.details)
    ? error.details.filter(
        (d): d is { path: Array<string | number>; message: string } =>
          isRecord(d) && Array.isArray(d.path) && typeof d.message === 'string',
      )
    : [];
  return new ApiRequestError(
    xhr.status,
    typeof error?.code === 'string' ? error.code : `HTTP_${xhr.status}`,
    typeof error?.message === 'string' ? error.message : `${xhr.status} ${xhr.statusText}`.trim(),
    url,
    typeof error?.requestId === 'string' ? error.requestId : undefined,
    details,
  );
}

/**
 * POSTs the file as multipart with XMLHttpRequest, so `onProgress` hears the upload's bytes
 * (fetch cannot report them); resolves the 202 answer (the job, parsing in the background).
 */
export function uploadImport(
  request: UploadRequest,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportView> {
  const url = '/api/v1/imports';
  const form = new FormData();
  form.set('resource', request.resource);
  if (request.crs) form.set('crs', request.crs);
  if (request.columns) {
    form.set('xField', request.columns.x);
    form.set('yField', request.columns.y);
  }
  // The file last: the server reads the small fields first.
  form.set('file', request.file, request.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (request.csrfToken) xhr.setRequestHeader('x-csrf-token', request.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(xhrError(xhr, url));
        return;
      }
      try {
        resolve(asView(JSON.parse(xhr.responseText), url));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'NETWORK', 'cannot reach the server', url));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export async function fetchImport(id: string, signal?: AbortSignal): Promise<ImportView> {
  const url = `/api/v1/imports/${encodeURIComponent(id)}`;
  return asView(await getJson(url, signal), url);
}

export interface ImportChange {
  mapping?: FieldMapping;
  duplicates?: 'update' | 'skip';
  validRowsOnly?: boolean;
}

/** PATCH: a new mapping re-checks every row; the answer carries the new report. */
export async function changeImport(id: string, change: ImportChange): Promise<ImportView> {
  const url = `/api/v1/imports/${encodeURIComponent(id)}`;
  return asView(await sendJson('PATCH', url, change), url);
}

/** POST …/commit: writes the rows in one transaction; the answer carries `result`. */
export async function commitImport(id: string): Promise<ImportView> {
  const url = `/api/v1/imports/${encodeURIComponent(id)}/commit`;
  return asView(await sendJson('POST', url), url);
}

/** GET …/duplicates: valid rows that match existing assets (same owner and code, or same place). */
export interface DuplicateReport {
  count: number;
  rows: { row: number; existingId: string; existingCode: string; match: 'code' | 'place' }[];
}

export async function fetchDuplicates(id: string, signal?: AbortSignal): Promise<DuplicateReport> {
  const url = `/api/v1/imports/${encodeURIComponent(id)}/duplicates`;
  const body = await getJson(url, signal);
  if (!isRecord(body) || typeof body.count !== 'number' || !Array.isArray(body.rows))
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a duplicate report', url);
  return body as unknown as DuplicateReport;
}

/** Where the whole validation report is, as CSV (`row,field,message`). */
export const reportCsvUrl = (id: string) => `/api/v1/imports/${encodeURIComponent(id)}/report.csv`;

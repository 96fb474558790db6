import {
  type DuplicateReport,
  type FieldMapping,
  type ImportChange,
  type ImportFormat,
  type ImportIssue,
  type ImportResult,
  importEndpoints,
  importView,
  pathOf,
  type ResponseOf,
} from '@hatang/contracts';
import { ApiRequestError, isRecord } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

export type { DuplicateReport, FieldMapping, ImportChange, ImportFormat, ImportIssue, ImportResult };

/** GET /api/v1/imports/:id (also the answer of POST, PATCH and commit). */
export type ImportView = ResponseOf<typeof importEndpoints.getImport, 200>;

export interface UploadRequest {
  file: File;
  resource: string;
  /** EPSG code, or undefined to take it from the file (.prj, GeoPackage, KML = WGS 84). */
  crs: string | undefined;
  /** CSV and .xlsx: the coordinate columns (X = easting or longitude, Y = northing or latitude). */
  columns: { x: string; y: string } | undefined;
  /** .xlsx: the sheet to read (default: the first with data). */
  sheet?: string | undefined;
  /** DXF: the layers to read (default: those whose geometry fits the target layer). */
  layers?: string[] | undefined;
  csrfToken: string | null;
}

/** The upload's answer (read by XHR, not callEndpoint), checked as callEndpoint checks one. */
const asView = (body: unknown, url: string): ImportView => {
  const parsed = importView.safeParse(body);
  if (!parsed.success)
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer an import', url);
  return parsed.data;
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
  const url = importEndpoints.startImport.path;
  const form = new FormData();
  form.set('resource', request.resource);
  if (request.crs) form.set('crs', request.crs);
  if (request.columns) {
    form.set('xField', request.columns.x);
    form.set('yField', request.columns.y);
  }
  if (request.sheet) form.set('sheet', request.sheet);
  if (request.layers) form.set('layers', JSON.stringify(request.layers));
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

export const fetchImport = (id: string, signal?: AbortSignal): Promise<ImportView> =>
  callEndpoint(importEndpoints.getImport, { params: { id } }, { signal });

/** PATCH: a new mapping re-checks every row; the answer carries the new report. */
export const changeImport = (id: string, change: ImportChange): Promise<ImportView> =>
  callEndpoint(importEndpoints.changeImport, { params: { id }, body: change });

/** POST …/commit: writes the rows in one transaction; the answer carries `result`. */
export const commitImport = (id: string): Promise<ImportView> =>
  callEndpoint(importEndpoints.commitImport, { params: { id } });

/** GET …/duplicates: valid rows that match existing assets (same owner and code, or same place). */
export const fetchDuplicates = (id: string, signal?: AbortSignal): Promise<DuplicateReport> =>
  callEndpoint(importEndpoints.importDuplicates, { params: { id } }, { signal });

/** Where the whole validation report is, as CSV (`row,field,message`). */
export const reportCsvUrl = (id: string) => pathOf(importEndpoints.importReport, { id });

import { z } from 'zod';

/** Life-cycle of every asset. */
export const assetStatus = z.enum(['existing', 'planned', 'under_construction', 'decommissioned']);
export type AssetStatus = z.infer<typeof assetStatus>;

export const uuid = z.uuid({ message: 'must be a UUID' });

/** Human-readable asset code, unique per owner organisation. */
export const assetCode = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters');

/** Fields every asset has (the writable part; id, version and timestamps are the server's). */
export const assetHead = {
  code: assetCode,
  ownerOrgId: uuid,
  status: assetStatus,
};

/** A positive length or height in metres, at most `max` metres. */
export const metres = (max: number) =>
  z.number().positive('must be greater than 0 m').max(max, `must be at most ${max} m`);

/** A whole number within [min, max]. */
export const count = (min: number, max: number) => z.number().int('must be a whole number').min(min).max(max);

/** Calendar date `YYYY-MM-DD`. */
/** `POST …/:id/restore`: bring back the record as it was at `version` (a new, audited write). */
export const restoreRequest = z.strictObject({ version: z.number().int().min(1) });

export const isoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** One problem with the input: where (JSON path) and what. */
export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

export const errorCode = z.enum([
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'FORBIDDEN',
  'CSRF_FAILED',
  'TOO_MANY_ATTEMPTS',
  'NOT_FOUND',
  'CONFLICT',
  'VERSION_CONFLICT',
  /** The record belongs to a plan version that is approved, superseded or a baseline: frozen. */
  'VERSION_LOCKED',
  /** The transition is not allowed from the record's current state (e.g. editing a submitted application). */
  'INVALID_STATE',
  'PRECONDITION_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  /** An uploaded file breaks a parse limit (features, inflated bytes, raster cells, time, memory): the limit is named. */
  'LIMIT_EXCEEDED',
  'UNSUPPORTED_MEDIA_TYPE',
  /** 422: a drawing (DXF) that cannot be read, or one that is not drawn on the map (DWG, binary DXF). */
  'DRAWING_NOT_READABLE',
  'METHOD_NOT_ALLOWED',
  /** 429: the caller already runs as many exports or analyses as one client may at once. */
  'TOO_MANY_JOBS',
  /** 503: the server sheds load instead of queueing without bound; retry after Retry-After. */
  'OVERLOADED',
  'INTERNAL',
  /** The server is saturated (e.g. every parse worker busy and the queue full): retry after Retry-After. */
  'SERVICE_UNAVAILABLE',
]);
export type ErrorCode = z.infer<typeof errorCode>;

/** The one error shape of the API. */
export const errorResponse = z.object({
  error: z.object({
    code: errorCode,
    message: z.string(),
    details: z.array(issueSchema).optional(),
    current: z.unknown().optional(),
    requestId: z.string(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** Turns zod issues into API issues, optionally under a path prefix. */
export function toIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));
}

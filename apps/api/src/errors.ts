import type { ErrorCode, Issue } from '@hatang/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error the API throws on purpose; the error handler turns it into the error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Issue[],
    /** For version conflicts: the record as it is now. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Refused for now (a full queue): the answer carries `Retry-After: retryAfterS`. */
export class RetryLaterError extends ApiError {
  constructor(
    status: 429 | 503,
    code: ErrorCode,
    message: string,
    readonly retryAfterS: number,
  ) {
    super(status, code, message);
    this.name = 'RetryLaterError';
  }
}

export const validationFailed = (issues: Issue[]) =>
  new ApiError(
    400,
    'VALIDATION_FAILED',
    `The request has ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
    issues,
  );

export const notFound = (what: string) => new ApiError(404, 'NOT_FOUND', `${what} not found`);

interface PgErrorLike {
  code: string;
  message: string;
  detail?: string;
  constraint?: string;
  constraint_name?: string;
  column?: string;
  column_name?: string;
}

function isPgError(error: unknown): error is PgErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code)
  );
}

/** The driver's error, also when drizzle wraps it (DrizzleQueryError keeps it as `cause`). */
function pgErrorOf(error: unknown): PgErrorLike | undefined {
  if (isPgError(error)) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  return isPgError(cause) ? cause : undefined;
}

/** The driver's SQLSTATE of a database error, or undefined for anything else. */
export const databaseErrorCode = (error: unknown): string | undefined => pgErrorOf(error)?.code;

/**
 * Maps a database error that input can cause to an ApiError (constraint violations are the
 * database's last line of defence behind the zod contracts). Returns undefined for the rest.
 * The answer names the kind of problem only: the driver's text (values, constraint, table and
 * column names, SQL) stays in the server log, where the error handler writes it with the request id.
 */
export function fromDatabaseError(thrown: unknown): ApiError | undefined {
  const error = pgErrorOf(thrown);
  if (!error) return undefined;
  switch (error.code) {
    case '23505':
      return new ApiError(409, 'CONFLICT', 'A record with the same key already exists');
    case '23503':
      return validationFailed([{ path: [], message: 'Refers to a record that does not exist' }]);
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22023':
    case '22021':
    case '22P05':
    case '54000':
    case 'XX000':
      return validationFailed([{ path: [], message: 'A value was rejected by the database' }]);
    default:
      return undefined;
  }
}

/**
 * Errors across a thread boundary: structured clone keeps only an Error's name and message, so a
 * refusal meant for the client (an ApiError) and a database error (whose SQLSTATE fields the error
 * handler maps) travel as plain data and are rebuilt on the request thread.
 */
import { ApiError } from '../errors.js';

export type ThreadError =
  | { refusal: Pick<ApiError, 'status' | 'code' | 'message' | 'details'> }
  /** A database error: its message and PostgreSQL's fields (code, constraint, detail…). */
  | { databaseError: Record<string, string> };

/** The error as plain data, or undefined when it is neither a refusal nor a database error. */
export function toThreadError(error: unknown): ThreadError | undefined {
  if (error instanceof ApiError)
    return {
      refusal: { status: error.status, code: error.code, message: error.message, details: error.details },
    };
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  if (!/^[0-9A-Z]{5}$/.test(error.code)) return undefined;
  const fields: Record<string, string> = { message: error.message };
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string') fields[key] = value;
  return { databaseError: fields };
}

/** The error again, on this side of the boundary. */
export function fromThreadError(error: ThreadError): Error {
  if ('databaseError' in error) {
    const { message, ...fields } = error.databaseError;
    return Object.assign(new Error(message), fields);
  }
  const { status, code, message, details } = error.refusal;
  return new ApiError(status, code, message, details);
}

import { describe, expect, it } from 'vitest';
import { ApiError, fromDatabaseError } from '../errors.js';
import { fromThreadError, toThreadError } from './thread-errors.js';

/** What crosses the boundary: the plain data, structured-cloned as postMessage does. */
const across = (error: unknown) => {
  const plain = toThreadError(error);
  return plain ? fromThreadError(structuredClone(plain)) : undefined;
};

describe('errors across a thread boundary', () => {
  it('rebuilds a refusal with its status, code and details', () => {
    const details = [{ path: ['bbox'], message: 'narrow the export' }];
    const back = across(new ApiError(400, 'VALIDATION_FAILED', 'too many features', details));
    expect(back).toBeInstanceOf(ApiError);
    expect(back).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'too many features',
      details,
    });
  });

  it('keeps a database error mappable by the error handler (SQLSTATE and constraint)', () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "poles_code_key"'), {
      code: '23505',
      constraint: 'poles_code_key',
      detail: 'Key (code)=(P-1) already exists.',
    });
    const back = across(pg);
    expect(back).toMatchObject({ code: '23505', constraint: 'poles_code_key' });
    expect(fromDatabaseError(back)?.status).toBe(fromDatabaseError(pg)?.status);
  });

  it('leaves any other error to fail as a failure', () => {
    expect(toThreadError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toThreadError(Object.assign(new Error('spawn'), { code: 'ENOENT' }))).toBeUndefined();
  });
});

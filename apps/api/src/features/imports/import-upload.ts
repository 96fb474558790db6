/**
 * Receiving an upload for an import: a place in the parse pool first (503 with Retry-After when
 * it is full, before a byte of the body is read), then the multipart body streamed to a spool
 * file under the upload limit. Access is checked by then (the authorize middleware).
 */
import type { LimitError } from '@hatang/geo/formats';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { ApiError, validationFailed } from '../../errors.js';
import { type MultipartUpload, readMultipart, type SpooledFile } from '../../http/multipart.js';
import { busyResponse, PoolBusyError, type PoolSlot } from '../../jobs/parse-pool.js';

/** A LimitError as the HTTP answer: 422 naming the limit and its value. */
export function limitExceeded(error: LimitError): ApiError {
  return new ApiError(422, 'LIMIT_EXCEEDED', error.message, [
    { path: ['file'], message: `${error.limit} = ${error.value}` },
  ]);
}

/** The request's upload, spooled, and its place in the parse pool: the caller owns and frees both. */
export async function receiveUpload(
  c: Context<AppEnv>,
): Promise<{ upload: MultipartUpload; file: SpooledFile; slot: PoolSlot }> {
  const pool = c.var.uploads;
  const maxBytes = c.var.services.imports?.maxUploadBytes ?? pool.limits.maxUploadBytes;
  let slot: PoolSlot;
  try {
    slot = pool.reserve();
  } catch (error) {
    if (error instanceof PoolBusyError) throw busyResponse(c);
    throw error;
  }
  try {
    const upload = await readMultipart(c, {
      maxFileBytes: maxBytes,
      spoolDir: pool.limits.spoolDir,
      tooLarge: () =>
        new ApiError(
          413,
          'PAYLOAD_TOO_LARGE',
          `The file is larger than the import limit of ${maxBytes} bytes (maxUploadBytes = ${maxBytes}); nothing was imported`,
          [{ path: ['file'], message: `maxUploadBytes = ${maxBytes}` }],
        ),
    });
    const { file } = upload;
    if (!file) {
      await upload.remove();
      throw validationFailed([{ path: ['file'], message: 'attach the file as the "file" part' }]);
    }
    return { upload, file, slot };
  } catch (error) {
    slot.release();
    throw error;
  }
}

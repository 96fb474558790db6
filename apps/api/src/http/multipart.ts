/**
 * Reads a multipart/form-data upload as a stream: the one file part goes to a temporary file in
 * the spool folder as it arrives (never whole in memory), text parts are kept. The limit is on
 * the bytes really read, whatever Content-Length says (chunked bodies included): past it reading
 * stops and the answer is 413. A body that is not valid multipart is a 400. On any failure,
 * and on a client that goes away, the temporary file is removed before this returns.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, validationFailed } from '../errors.js';

export interface MultipartOptions {
  /** Bytes the file part may have. */
  maxFileBytes: number;
  /** Folder for the temporary file. */
  spoolDir: string;
  /** The 413 to answer when the file is too large. */
  tooLarge: () => ApiError;
  /** Text parts and their size (defaults: 16 parts of 4 KiB). */
  maxFields?: number;
  maxFieldBytes?: number;
}

export interface SpooledFile {
  /** The temporary file: read it, then call `remove`. */
  path: string;
  /** The name the client gave (may be empty). */
  name: string;
  size: number;
}

export interface MultipartUpload {
  /** The part named `file`, if there was one. */
  file: SpooledFile | undefined;
  fields: Record<string, string>;
  /** Removes the temporary file (safe to call more than once). */
  remove(): Promise<void>;
}

const malformed = (reason: string) =>
  new ApiError(400, 'VALIDATION_FAILED', `The request body is not readable multipart/form-data: ${reason}`, [
    { path: [], message: reason },
  ]);

/** Throws 415 unless the request says it is multipart/form-data. */
export function assertMultipart(c: Context<AppEnv>): string {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type))
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the file as multipart/form-data with a "file" part',
    );
  return type;
}

export async function readMultipart(c: Context<AppEnv>, options: MultipartOptions): Promise<MultipartUpload> {
  const type = assertMultipart(c);
  const maxFields = options.maxFields ?? 16;
  const maxFieldBytes = options.maxFieldBytes ?? 4096;
  // Room for the part headers and text fields around the file.
  const maxBodyBytes = options.maxFileBytes + maxFields * (maxFieldBytes + 512) + 64 * 1024;
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBodyBytes) throw options.tooLarge();
  const body = c.req.raw.body;
  if (!body) throw malformed('the body is empty');

  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': type },
      // The name as sent (folders included); callers make it safe (attachments replace separators).
      preservePath: true,
      limits: {
        files: 1,
        fileSize: options.maxFileBytes,
        fields: maxFields,
        fieldSize: maxFieldBytes,
        parts: maxFields + 1,
        headerPairs: 20,
      },
    });
  } catch (error) {
    throw malformed((error as Error).message);
  }

  const path = join(options.spoolDir, `upload-${randomUUID()}`);
  const remove = () => rm(path, { force: true });
  const fields: Record<string, string> = {};
  let file: SpooledFile | undefined;
  let sink: WriteStream | undefined;
  let failure: Error | undefined;
  let wake: () => void = () => {};
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };
  let finished = false;

  parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) fail(validationFailed([{ path: [name], message: `at most ${maxFieldBytes} bytes` }]));
    else fields[name] = value;
  });
  parser.on('file', (name, stream, fileName) => {
    if (name !== 'file' || sink) {
      stream.resume();
      return;
    }
    file = { path, name: fileName ?? '', size: 0 };
    sink = createWriteStream(path, { flags: 'wx' });
    sink.on('error', fail);
    stream.on('limit', () => fail(options.tooLarge()));
    stream.on('data', (chunk: Buffer) => {
      if (file) file.size += chunk.length;
    });
    stream.pipe(sink);
  });
  parser.on('filesLimit', () => fail(validationFailed([{ path: ['file'], message: 'send one file' }])));
  parser.on('fieldsLimit', () =>
    fail(validationFailed([{ path: [], message: `at most ${maxFields} fields` }])),
  );
  parser.on('partsLimit', () => fail(validationFailed([{ path: [], message: 'too many parts' }])));
  parser.on('error', (error: unknown) => fail(malformed((error as Error).message ?? String(error))));
  parser.on('finish', () => {
    finished = true;
    wake();
  });

  await mkdir(options.spoolDir, { recursive: true });
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      if (failure) break;
      const { done, value } = await reader.read().catch(() => {
        // The client went away (or its stream broke) mid-upload.
        throw malformed('the upload was interrupted before its end');
      });
      if (done) break;
      read += value.byteLength;
      if (read > maxBodyBytes) {
        fail(options.tooLarge());
        break;
      }
      if (!parser.write(value)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          parser.once('drain', resolve);
        });
      }
    }
    if (!failure) {
      parser.end();
      while (!finished && !failure) await new Promise<void>((resolve) => (wake = resolve));
    }
    if (!failure && sink && !sink.writableFinished) {
      await Promise.race([once(sink, 'finish'), once(sink, 'close')]);
    }
    if (failure) throw failure;
    return { file, fields, remove };
  } catch (error) {
    // Reading stops here: a 413 does not pull the rest of the body.
    await reader.cancel().catch(() => {});
    parser.destroy();
    sink?.destroy();
    if (sink) await once(sink, 'close').catch(() => {});
    await remove();
    throw error;
  }
}

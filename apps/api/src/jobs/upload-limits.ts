/**
 * Every limit on an untrusted upload, in one object: the parse limits each reader enforces
 * (`ParseLimits`, shared with @hatang/geo) plus what the API itself enforces around them (bytes on
 * the wire, the worker's heap and wall-clock budget, how many parses run and wait).
 */
import { defaultParseLimits, type ParseLimits } from '@hatang/geo/formats';
import { MAX_ATTACHMENT_BYTES } from '../attachments/file-type.js';

export interface UploadLimits extends ParseLimits {
  /** Bytes of one import upload (file, after multipart decoding). */
  maxUploadBytes: number;
  /** Bytes of one attachment (PDF, JPEG, PNG). */
  maxAttachmentBytes: number;
  /** Heap (old generation) of one parse worker, MB; a file that needs more fails the parse. */
  workerHeapMb: number;
  /** Wall-clock time one parse may work, ms (time waiting for the database is not counted). */
  timeBudgetMs: number;
  /** Parse workers running at once. */
  poolSize: number;
  /** Parses waiting for a worker; beyond that uploads are refused with 503 and Retry-After. */
  queueSize: number;
  /** Where uploads are spooled while they are read and parsed (removed after). */
  spoolDir: string;
}

/** Production defaults (env.ts reads each from a HATANG_* variable). */
export const defaultUploadLimits = (spoolDir: string): UploadLimits => ({
  ...defaultParseLimits,
  maxUploadBytes: 200 * 1024 * 1024,
  maxAttachmentBytes: MAX_ATTACHMENT_BYTES,
  workerHeapMb: 1024,
  timeBudgetMs: 120_000,
  poolSize: 2,
  queueSize: 8,
  spoolDir,
});

/** Just the ParseLimits part, as the readers take it (structured-clone safe). */
export const parseLimitsOf = (limits: UploadLimits): ParseLimits => ({
  maxInflatedBytes: limits.maxInflatedBytes,
  maxArchiveEntries: limits.maxArchiveEntries,
  maxFeatures: limits.maxFeatures,
  maxVerticesPerFeature: limits.maxVerticesPerFeature,
  maxVertices: limits.maxVertices,
  maxCellChars: limits.maxCellChars,
  maxDepth: limits.maxDepth,
  maxRasterCells: limits.maxRasterCells,
  ...(limits.maxColumns === undefined ? {} : { maxColumns: limits.maxColumns }),
});
